using System.Security.Cryptography;
using System.Text;

namespace Queue.Silo.Ratings;

/// <summary>
/// The export's key for a ticket: stable (the same in every item of the ticket, across restarts) and opaque. It is a hash of
/// the hall and the ticket's secret id, 130 random bits, so the id, the key to the resident's phone page, cannot be
/// recovered or guessed from it.
/// </summary>
public static class TicketKeys
{
    public static string Of(string hallId, string ticketId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"queue-ticket-key\n{hallId}\n{ticketId}")).AsSpan(0, 16));
}
