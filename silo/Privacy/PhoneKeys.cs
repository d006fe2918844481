using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Queue.Silo.Storage;

namespace Queue.Silo.Privacy;

/// <summary>
/// A phone number's key: HMAC-SHA256 under a secret of the cluster's, so a hall can tell one booking per phone and day
/// (and count no-shows per phone) without holding the number. A plain hash would not do: 11-digit numbers are few
/// enough to hash them all. The secret is made once, sealed with Data Protection, and kept as a record in the event
/// store, so every silo of a cluster derives the same keys; the first silo to write it wins.
/// </summary>
public sealed class PhoneKeys(IEventStore store, IDataProtectionProvider keys)
{
    private const string RecordKey = "privacy:phone-key";
    private readonly IDataProtector _protector = keys.CreateProtector("Queue.PhoneKeys.v1");
    private readonly SemaphoreSlim _loading = new(1, 1);
    private byte[]? _secret;

    public async Task<string> Of(string phone, CancellationToken ct) =>
        Convert.ToHexString(HMACSHA256.HashData(await Secret(ct), Encoding.UTF8.GetBytes(phone)), 0, 16);

    private async Task<byte[]> Secret(CancellationToken ct)
    {
        if (_secret is { } known) return known;
        await _loading.WaitAsync(ct);
        try
        {
            if (await store.ReadRecordAsync(RecordKey, ct) is not { } record)
            {
                var made = JsonSerializer.Serialize(new Sealed(_protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))));
                try { await store.WriteRecordAsync(RecordKey, 1, made, ct); }
                catch (VersionTakenException) { }   // another silo made it first: theirs holds
                record = (await store.ReadRecordAsync(RecordKey, ct))!;
            }
            return _secret = Convert.FromBase64String(_protector.Unprotect(JsonSerializer.Deserialize<Sealed>(record.Json)!.Secret));
        }
        finally { _loading.Release(); }
    }

    private sealed record Sealed(string Secret);
}
