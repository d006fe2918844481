using Orleans.Concurrency;
using Queue.Contracts;

namespace Queue.Silo.Stats;

/// <summary>
/// One hall's figures (keyed by hall id), projected from its log: finished days kept as records, today from the log.
/// </summary>
public interface IHallFiguresGrain : IGrainWithStringKey
{
    /// <summary>The figures over hall-local days <paramref name="from"/>..<paramref name="to"/>, by "category", "matter",
    /// "window" or "clerk" (the caller checks both; see <see cref="StatsQuery"/>), caught up on the log first.</summary>
    Task<StatsView> Figures(DateOnly from, DateOnly to, string by);

    /// <summary>A doorbell from the hall grain after an append: catch up on the log soon. Never the only copy of anything.</summary>
    [OneWay] Task Ring();
}
