using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Halls;

/// <summary>
/// Told, inside the hall grain's turn, about the events of one append as it goes to the log (every command decided
/// since the last one: so views are built once per append, not once per command), with <c>durable</c>: the task that
/// completes once the log has taken them, or fails if it did not (the hall then reloads from the log and calls
/// <see cref="Resync"/>). The state may be read only now, in the turn, and is exactly the state after these events;
/// nothing may leave the silo before <c>durable</c> succeeds (<see cref="Durable.Then"/>), because the hall goes on
/// deciding while the append is in flight.
/// </summary>
public interface IHallListener
{
    void Appending(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now, Task durable);

    /// <summary>Told, inside the turn, that screens may have missed messages (the hub's backplane was down, or decided
    /// events did not reach the log): send them the whole hall once <paramref name="durable"/> succeeds.</summary>
    void Resync(HallState hall, DateTimeOffset now, Task durable) { }

    /// <summary>Told, as the hall activates, that it had events moments ago: in a cluster another silo held it, and may
    /// have died having committed what it never sent.</summary>
    void Reactivated(HallState hall, DateTimeOffset now, Task durable) { }
}

public static class Durable
{
    /// <summary>Runs <paramref name="effect"/> once <paramref name="durable"/> has succeeded (at once if it has), never if it
    /// failed: what the log did not take never happened.</summary>
    public static void Then(this Task durable, Action effect)
    {
        if (durable.IsCompletedSuccessfully) effect();
        else if (!durable.IsCompleted) durable.ContinueWith(t => { if (t.IsCompletedSuccessfully) effect(); }, TaskScheduler.Default);
    }
}
