using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;

namespace Queue.Silo.Ratings;

/// <summary>
/// Rings the hall's <see cref="IRatingCasesGrain"/> after a commit with a rating (a case to open) or a new day (what is
/// overdue changes at the hall's midnight), and as a hall comes back (its alerts are in memory). A doorbell only: the
/// grain reads the log itself, and the hall never waits for it.
/// </summary>
public sealed class RatingDoorbell(IGrainFactory grains) : IHallListener
{
    public void Appending(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now, Task durable)
    {
        if (events.Any(e => e is ServiceRated or DayStarted)) Ring(hall, durable);
    }

    public void Reactivated(HallState hall, DateTimeOffset now, Task durable) => Ring(hall, durable);

    private void Ring(HallState hall, Task durable)
    {
        var cases = grains.GetGrain<IRatingCasesGrain>(hall.Config.Id);
        durable.Then(() => _ = cases.CatchUp());
    }
}
