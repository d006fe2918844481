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
    public void Committed(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now)
    {
        if (events.Any(e => e is DayStarted)) Ring(hall);
    }

    public void Reactivated(HallState hall, DateTimeOffset now) => Ring(hall);

    private void Ring(HallState hall) => _ = grains.GetGrain<INoShowsGrain>(hall.Config.Id).CatchUp();
}
