using System.Globalization;
using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Stats;

/// <summary>Sums days of figures into the answer of a query: one row per key of the chosen dimension, exact percentiles.</summary>
public static class StatsReport
{
    public static StatsView Build(HallConfig hall, DateOnly from, DateOnly to, string by, IReadOnlyList<DayFigures> days)
    {
        var keys = new List<string>();
        // Categories and windows as built come first and always; matters and clerks as they appear.
        if (by == "category") keys.AddRange(hall.Categories.Select(c => c.Code));
        if (by == "window") keys.AddRange(hall.Windows.OrderBy(w => w.No).Select(w => HallFigures.Key(w.No)));
        var seen = keys.ToHashSet();
        foreach (var key in days.SelectMany(d => d.By.GetValueOrDefault(by)?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal))
            if (seen.Add(key)) keys.Add(key);

        var rows = keys.Select(k => Row(k, Name(hall, by, k), days.Select(d => d.By.GetValueOrDefault(by)?.GetValueOrDefault(k)))).ToList();
        var halfHours = new List<HalfHourView>();
        for (var i = 0; i < DayFigures.HalfHours; i++)
        {
            var (arrivals, served) = (days.Sum(d => d.Arrivals[i]), days.Sum(d => d.Served[i]));
            var start = new TimeOnly(i / 2, i % 2 * 30);
            // The opening hours always, other half hours only when something happened in them.
            if (arrivals > 0 || served > 0 || (start >= hall.Hours.Open && start < hall.Hours.Close))
                halfHours.Add(new(start.ToString("HH:mm", CultureInfo.InvariantCulture), arrivals, served));
        }
        var byDate = days.ToDictionary(d => d.Date);
        var dates = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var daily = dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) is var s
            ? new StatsDayView(d, Row(s, s, [byDate.GetValueOrDefault(d)?.Totals])) : null!).ToList();
        return new(hall.Id, hall.Name, from, to, by, rows, halfHours, Row("", "合计", days.Select(d => d.Totals)), daily);
    }

    private static StatsRowView Row(string key, string name, IEnumerable<FigureCell?> cells)
    {
        var list = cells.OfType<FigureCell>().ToList();
        var served = list.Sum(c => c.Served);
        var ratings = list.Sum(c => c.Ratings);
        return new(key, name, list.Sum(c => c.Issued), served, list.Sum(c => c.NoShow), list.Sum(c => c.Cancelled),
            Durations(list.SelectMany(c => c.Waits)), Durations(list.SelectMany(c => c.Services)),
            served == 0 ? null : (double)list.Sum(c => c.WithinTarget) / served, list.Sum(c => c.LunchHour), list.Sum(c => c.AfterHours),
            new(ratings, ratings == 0 ? null : (double)list.Sum(c => c.Satisfied) / ratings, list.Sum(c => c.Bad)));
    }

    /// <summary>Nearest-rank percentiles: the p-th is the smallest sample with at least p% of the samples at or below it.
    /// Samples are whole seconds, so they are counted per second rather than sorted (a month's 60,000 in one pass).</summary>
    private static DurationStatsView Durations(IEnumerable<int> samples)
    {
        var all = samples as int[] ?? samples.ToArray();
        if (all.Length == 0) return new(0, null, null, null);
        var max = all.Max();
        if (max > MaxCounted)
        {
            Array.Sort(all);
            return new(all.Length, all[Rank(all.Length, 50)], all[Rank(all.Length, 90)], max);
        }
        var counts = new int[max + 1];
        foreach (var s in all) counts[s]++;
        return new(all.Length, Nth(counts, Rank(all.Length, 50)), Nth(counts, Rank(all.Length, 90)), max);
    }

    private const int MaxCounted = 1 << 20;

    /// <summary>The index of the p-th percentile among n sorted samples.</summary>
    private static int Rank(int n, int p) => Math.Max(0, (p * n + 99) / 100 - 1);

    /// <summary>The value at sorted index <paramref name="index"/>, from counts per value.</summary>
    private static int Nth(int[] counts, int index)
    {
        for (int value = 0, seen = 0; ; value++)
            if ((seen += counts[value]) > index) return value;
    }

    private static string Name(HallConfig hall, string by, string key) => by switch
    {
        "category" => hall.Category(key)?.Name ?? key,
        "matter" => key == "" ? "未选事项" : hall.Matter(key)?.Name ?? key,
        "window" => int.TryParse(key, CultureInfo.InvariantCulture, out var no) && hall.Window(no) is { } w ? w.Name : $"{key}号窗口",
        _ => key == "" ? "未登录" : key,
    };
}
