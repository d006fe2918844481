using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Halls;

/// <summary>Told, inside the hall grain's turn, about events just made durable and applied.</summary>
public interface IHallListener
{
    void Committed(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now);

    /// <summary>Told, inside the turn, that screens may have missed messages (the hub's backplane was down): send them the whole hall.</summary>
    void Resync(HallState hall, DateTimeOffset now) { }

    /// <summary>Told, as the hall activates, that it had events moments ago: in a cluster another silo held it, and may
    /// have died having committed what it never sent.</summary>
    void Reactivated(HallState hall, DateTimeOffset now) { }
}
