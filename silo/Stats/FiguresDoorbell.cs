using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;

namespace Queue.Silo.Stats;

/// <summary>Rings the hall's figures grain after each append lands (one-way, nothing waits): it catches up from the log itself.</summary>
public sealed class FiguresDoorbell(IGrainFactory grains) : IHallListener
{
    public void Appending(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now, Task durable)
    {
        var figures = grains.GetGrain<IHallFiguresGrain>(hall.Config.Id);
        durable.Then(() => _ = figures.Ring());
    }
}
