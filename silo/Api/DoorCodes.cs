using System.Globalization;
using Queue.Silo.Privacy;

namespace Queue.Silo.Api;

/// <summary>
/// 门口签到码: the code a hall's kiosk shows (with its QR, /arrive/{hallId}?code=…) for residents who took a number from the
/// phone to check in as they come in. Six digits, a new one every <see cref="Period"/>, the last one still accepted (a
/// resident scanning as it turns), derived by HMAC under the cluster's sealed secret (the phone keys' secret, with inputs
/// "door:…" that are never a phone number), so every silo agrees without storing anything.
/// What it guards: a number taken at home cannot be made callable from home by guessing a URL; the code must have been
/// seen at the hall within the last ten minutes. What it does not: a resident can phone someone standing at the door for
/// it, or read it off a photo sent within those minutes; the worst they gain is being called while not there (过号).
/// </summary>
public sealed class DoorCodes(PhoneKeys keys, TimeProvider clock)
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary>The code shown now, and until when it is the newest.</summary>
    public async Task<(string Code, DateTimeOffset Until)> Current(string hallId, CancellationToken ct)
    {
        var period = PeriodOf(clock.GetUtcNow());
        return (await For(hallId, period, ct), DateTimeOffset.FromUnixTimeSeconds((period + 1) * (long)Period.TotalSeconds));
    }

    public async Task<bool> Accepts(string hallId, string? code, CancellationToken ct)
    {
        if (code?.Trim() is not { Length: 6 } typed) return false;
        var period = PeriodOf(clock.GetUtcNow());
        return typed == await For(hallId, period, ct) || typed == await For(hallId, period - 1, ct);
    }

    private static long PeriodOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Period.TotalSeconds;

    private async Task<string> For(string hallId, long period, CancellationToken ct)
    {
        var mac = await keys.Of(string.Create(CultureInfo.InvariantCulture, $"door:{hallId}:{period}"), ct);
        return (uint.Parse(mac.AsSpan(0, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }
}
