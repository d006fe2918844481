using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;

namespace Queue.Silo.Bookings;

/// <summary>
/// Rings the hall's <see cref="INoShowsGrain"/> at each new day and as a hall comes back, so yesterday's missed appointments
/// are recorded (and then leave the hall's state, with their sealed contact) even in a hall nobody books in or pulls the
/// outbox of. A doorbell only: the grain reads the log itself, and the hall never waits for it.
/// </summary>
public sealed class NoShowDoorbell(IGrainFactory grains) : IHallListener
{
    public void Appending(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now, Task durable)
    {
        if (events.Any(e => e is DayStarted)) Ring(hall, durable);
    }

    public void Reactivated(HallState hall, DateTimeOffset now, Task durable) => Ring(hall, durable);

    private void Ring(HallState hall, Task durable)
    {
        var noShows = grains.GetGrain<INoShowsGrain>(hall.Config.Id);
        durable.Then(() => _ = noShows.CatchUp());
    }
}
