using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Stats;

namespace Queue.Silo.Reports;

/// <summary>What a hall's report shows: its figures over the period by category (with the totals, half hours and days),
/// by window and by clerk, all from the figures grain (the projection: a month is never a rescan of the log).</summary>
public sealed record HallReport(HallConfig Hall, ReportPeriod Period, StatsView ByCategory, StatsView ByWindow, StatsView ByClerk)
{
    public static async Task<HallReport> Read(IGrainFactory grains, HallConfig hall, ReportPeriod period)
    {
        var figures = grains.GetGrain<IHallFiguresGrain>(hall.Id);
        var (from, to) = (period.From, period.To);
        var views = await Task.WhenAll(figures.Figures(from, to, "category"), figures.Figures(from, to, "window"), figures.Figures(from, to, "clerk"));
        return new(hall, period, views[0], views[1], views[2]);
    }

    /// <summary>Each category's target wait in minutes, which the waits chart marks.</summary>
    public IReadOnlyDictionary<string, int> Targets => Hall.Categories.ToDictionary(c => c.Code, c => c.TargetWaitMinutes);
}
