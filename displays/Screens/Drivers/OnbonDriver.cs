using Queue.Screens.Codecs;

namespace Queue.Screens.Drivers;

/// <summary>
/// Onbon BX-5K/6K font cards over serial or TCP. Options: <c>screen</c> (card address, default 1),
/// <c>width</c>/<c>height</c> in pixels (default 128 × 32), <c>effect</c> (display mode byte, default
/// 1 = static), <c>flashEffect</c> (used while a call flashes; default = effect, set it to the
/// card's blinking mode once checked on hardware), <c>replyMs</c> (default 500).
/// The card has no dim command we could verify, so Dim shows at normal brightness.
/// </summary>
public sealed class OnbonDriver(DeviceBus bus, ScreenConfig config) : IScreenDriver
{
    readonly ushort _screen = (ushort)config.Int("screen", 1);
    readonly OnbonArea _area = OnbonArea.ForPanel(config.Int("width", 128), config.Int("height", 32)) with
    {
        Effect = (byte)config.Int("effect", 1),
    };
    readonly byte _flashEffect = (byte)config.Int("flashEffect", config.Int("effect", 1));
    readonly TimeSpan _reply = TimeSpan.FromMilliseconds(config.Int("replyMs", 500));

    public Task OpenAsync(CancellationToken ct) => bus.OpenAsync(ct);

    public Task ShowAsync(ScreenContent content, CancellationToken ct) => content.Mode == ScreenMode.Blank
        ? BlankAsync(ct)
        : SendAsync(OnbonCommands.ShowText(_screen, content.Flash ? _area with { Effect = _flashEffect } : _area, content.Text), ct);

    public Task BlankAsync(CancellationToken ct) => SendAsync(OnbonCommands.ClearScreen(_screen), ct);

    public async Task<ScreenHealth> CheckAsync(CancellationToken ct)
    {
        try
        {
            await SendAsync(OnbonCommands.Ping(_screen), ct);
            return ScreenHealth.Ok(DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            return ScreenHealth.Failed(e.Message, DateTimeOffset.UtcNow);
        }
    }

    /// <summary>Every command asks for a reply ("must respond"), so a silent card is noticed at once.</summary>
    async Task SendAsync(OnbonFrame frame, CancellationToken ct)
    {
        var reply = await bus.ExchangeAsync(OnbonCodec.Encode(frame), r => Array.IndexOf(r, OnbonCodec.End) >= 0, _reply, ct);
        if (reply.Length == 0)
            throw new TimeoutException($"BX card {_screen} on {bus.Address} did not answer within {_reply.TotalMilliseconds} ms.");
        if (!OnbonCodec.TryDecode(reply, out var answer, out _, out var error))
            throw new IOException($"BX card {_screen} on {bus.Address} sent a bad frame: {error ?? "incomplete"}.");
        if (OnbonCommands.ReplyError(answer!) is var code and not 0)
            throw new IOException($"BX card {_screen} on {bus.Address} reported error {code:X2} for command {frame.CommandGroup:X2} {frame.Command:X2}.");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
