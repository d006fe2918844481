using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Queue.Hall;

/// <summary>
/// What makes a retry "the same request" for an idempotency key: the command's kind and its fields, less the key
/// itself and the random ids the caller draws afresh on every attempt (a kiosk's retry brings a new ticket id), and an
/// appointment's sealed name and phone, new ciphertext on every attempt (and no hash of the plain values is kept).
/// </summary>
public static class CommandFingerprint
{
    // Fields left at their default are omitted, so a field added later does not change an older command's print.
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public static string Kind(HallCommand c) => c.GetType().Name;

    /// <summary>A hash, not the body: the log keeps no second copy of what residents typed.</summary>
    public static string Of(HallCommand c)
    {
        var body = (c switch
        {
            IssueTicket i => i with { NewTicketId = "", NewArrivalCode = null },
            BookAppointment b => b with { NewCode = "", Name = null, Phone = null },
            BookSlot b => b with { NewCode = "", Name = null, Phone = "" },
            _ => c,
        }) with { Key = null };
        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Options)), 0, 16);
    }
}
