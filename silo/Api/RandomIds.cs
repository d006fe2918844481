using Queue.Contracts;
using System.Security.Cryptography;

namespace Queue.Silo.Api;

/// <summary>Ids that cannot be guessed from a ticket number: the phone link is the ticket's only key.</summary>
public static class RandomIds
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz23456789"; // no l, o, 0, 1: easy to read aloud
    private const string Upper = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>130 random bits as 26 characters.</summary>
    public static string TicketId() => Make(Lower, 26);

    /// <summary>An appointment code a resident can type at a kiosk.</summary>
    public static string AppointmentCode() => Make(Upper, 8);

    private static string Make(string alphabet, int length) =>
        string.Create(length, alphabet, (span, a) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = a[RandomNumberGenerator.GetInt32(a.Length)];
        });
}
