using Queue.Contracts;
using System.Collections.Concurrent;

namespace Queue.Silo.Halls;

/// <summary>
/// Who listens to which hall and which ticket right now. Most halls of a province have no screen
/// connected to a given silo at a given moment; their commits then build no views at all.
/// </summary>
public sealed class HallAudience
{
    private readonly ConcurrentDictionary<string, int> _halls = new();
    private readonly ConcurrentDictionary<string, int> _tickets = new();

    /// <summary>Counted before the newcomer reads the state, so no commit after that read goes unsent.</summary>
    public void Join(string hallId, string? ticketId)
    {
        _halls.AddOrUpdate(hallId, 1, (_, n) => n + 1);
        if (ticketId is not null) _tickets.AddOrUpdate(ticketId, 1, (_, n) => n + 1);
    }

    public void Leave(string hallId, string? ticketId)
    {
        Decrement(_halls, hallId);
        if (ticketId is not null) Decrement(_tickets, ticketId);
    }

    public bool Watches(string hallId) => _halls.ContainsKey(hallId);
    /// <summary>The halls someone on this silo follows right now.</summary>
    public IEnumerable<string> Halls => _halls.Keys;
    /// <summary>How many screens, consoles and phones on this silo follow the hall right now.</summary>
    public int Watching(string hallId) => _halls.GetValueOrDefault(hallId);
    public bool Follows(string ticketId) => _tickets.ContainsKey(ticketId);

    private static void Decrement(ConcurrentDictionary<string, int> counts, string key)
    {
        var left = counts.AddOrUpdate(key, 0, (_, n) => n - 1);
        if (left <= 0) counts.TryRemove(new KeyValuePair<string, int>(key, left));
    }
}
