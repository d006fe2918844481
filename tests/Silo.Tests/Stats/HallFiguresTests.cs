using System.Text.Json;
using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Stats;
using static Queue.Silo.Tests.Stats.GeneratedMonth;

namespace Queue.Silo.Tests.Stats;

/// <summary>The figures projection over a generated month, against totals of the month's facts made here, by hand.</summary>
public sealed class HallFiguresTests
{
    private static readonly GeneratedMonth Month = new();
    private static readonly string[] Dimensions = ["category", "matter", "window", "clerk"];

    [Theory]
    [InlineData("2026-11-01", "2026-11-30")]
    [InlineData("2026-11-10", "2026-11-16")]   // a holiday (11-11) and a Saturday worked (11-14) inside
    [InlineData("2026-11-23", "2026-11-23")]
    public void Figures_over_a_range_are_the_totals_of_what_happened_in_it(string fromText, string toText)
    {
        var (from, to) = (DateOnly.Parse(fromText), DateOnly.Parse(toText));
        var days = Project(Month).Where(d => d.Date >= from && d.Date <= to).ToList();
        foreach (var by in Dimensions)
        {
            var view = StatsReport.Build(Config, from, to, by, days);
            var expected = Expected(Month.Noted, from, to, by);
            Assert.Subset(view.Rows.Select(r => r.Key).ToHashSet(), expected.Keys.ToHashSet());
            foreach (var row in view.Rows)
                Assert.Equal(expected.GetValueOrDefault(row.Key) ?? Zero(row.Key), row with { Name = "" });
            Assert.Equal(Expected(Month.Noted, from, to, "total")[""], view.Totals with { Name = "" });
        }
        var totals = StatsReport.Build(Config, from, to, "category", days);
        Assert.Equal("户籍", totals.Rows.Single(r => r.Key == "A").Name);
        Assert.Equal(to.DayNumber - from.DayNumber + 1, totals.Days.Count);
        Assert.Equal(totals.Totals.Served, totals.Days.Sum(d => d.Totals.Served));
        var issued = Month.Noted.Issued.Where(i => i.Day >= from && i.Day <= to).ToList();
        var served = Month.Noted.Served.Where(s => s.Step.Day >= from && s.Step.Day <= to).ToList();
        foreach (var half in totals.HalfHours)
        {
            Assert.Equal(issued.Count(i => HalfHour(i.At) == half.Start), half.Arrivals);
            Assert.Equal(served.Count(s => HalfHour(s.At) == half.Start), half.Served);
        }
        Assert.Equal(issued.Count, totals.HalfHours.Sum(h => h.Arrivals));
    }

    [Fact]
    public void A_ticket_at_a_window_at_midnight_is_served_the_next_day_and_the_waiting_expire()
    {
        var evening = new DateTimeOffset(2026, 11, 23, 23, 40, 0, TimeSpan.FromHours(8));
        var figures = new HallFigures(Config);
        figures.Apply(new DayStarted(new(2026, 11, 23), evening.AddHours(-23)));
        foreach (var id in new[] { "late", "waiting" })
            figures.Apply(new TicketIssued(id, "A001", "A", 1, ["A"], ["m1"], null, Priority.Normal, null, null, null, null, "k1", evening));
        figures.Apply(new TicketCalled("late", 2, "c2", evening.AddMinutes(10)));
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var monday = figures.Apply(new DayStarted(new(2026, 11, 24), evening.AddMinutes(20)))!;
        // The grain restarts from the carry it stored right after the DayStarted.
        figures = new HallFigures(Config, JsonSerializer.Deserialize<FiguresCarry>(JsonSerializer.Serialize(figures.Carry(), json), json));
        figures.Apply(new TicketCompleted("late", 2, evening.AddMinutes(35)));
        figures.Apply(new TicketCalled("waiting", 3, "c3", evening.AddMinutes(40)));   // expired: no longer the hall's

        Assert.Equal((2, 0, 600), (monday.Totals.Issued, monday.Totals.Served, monday.Totals.Waits.Single()));
        var tuesday = figures.Today!;
        Assert.Equal((0, 1, 1500, 1), (tuesday.Totals.Issued, tuesday.Totals.Served, tuesday.Totals.Services.Single(), tuesday.Totals.AfterHours));
        Assert.Equal(1, tuesday.Cell("clerk", "c2").Served);
        Assert.Empty(tuesday.Totals.Waits);
    }

    /// <summary>As the grain keeps them: finished days through their stored JSON, and a restart from the carry after a DayStarted.</summary>
    private static List<DayFigures> Project(GeneratedMonth month)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var figures = new HallFigures(Config);
        var days = new List<DayFigures>();
        foreach (var e in month.Events)
        {
            if (figures.Apply(e) is not { } finished) continue;
            days.Add(JsonSerializer.Deserialize<DayFigures>(JsonSerializer.Serialize(finished, json), json)!);
            if (finished.Date == FirstDay.AddDays(14))
                figures = new HallFigures(Config, JsonSerializer.Deserialize<FiguresCarry>(JsonSerializer.Serialize(figures.Carry(), json), json));
        }
        days.Add(figures.Today!);
        return days;
    }

    private static Dictionary<string, StatsRowView> Expected(Facts facts, DateOnly from, DateOnly to, string by)
    {
        bool In(DateOnly d) => d >= from && d <= to;
        IEnumerable<string> Keys(Step s) => by switch
        {
            "total" => [""],
            "category" => [s.Category],
            "matter" => s.Matters.Length == 0 ? [""] : s.Matters,
            "window" => s.Window == 0 ? [] : [s.Window.ToString()],
            _ => s.Window == 0 ? [] : [s.Clerk],
        };
        var issued = facts.Issued.Where(i => In(i.Day)).SelectMany(i => Keys(new Step(i.Day, i.Category, i.Matters, 0, ""))).ToList();
        var waits = facts.Waits.Where(w => In(w.Step.Day)).SelectMany(w => Keys(w.Step).Select(k => (k, w.Wait))).ToList();
        var served = facts.Served.Where(s => In(s.Step.Day)).SelectMany(s => Keys(s.Step).Select(k => (k, s))).ToList();
        var noShows = facts.NoShows.Where(s => In(s.Day)).SelectMany(Keys).ToList();
        var cancelled = facts.Cancelled.Where(s => In(s.Day)).SelectMany(Keys).ToList();
        var ratings = facts.Ratings.Where(r => In(r.Step.Day)).SelectMany(r => Keys(r.Step).Select(k => (k, r.Grade))).ToList();
        var keys = issued.Concat(waits.Select(w => w.k)).Concat(served.Select(s => s.k)).Concat(noShows).Concat(cancelled)
            .Concat(ratings.Select(r => r.k)).Append(by == "total" ? "" : null).OfType<string>().Distinct();
        return keys.ToDictionary(k => k, k =>
        {
            var mine = served.Where(s => s.k == k).Select(s => s.s).ToList();
            var grades = ratings.Where(r => r.k == k).Select(r => r.Grade).ToList();
            return new StatsRowView(k, "", issued.Count(i => i == k), mine.Count, noShows.Count(n => n == k), cancelled.Count(c => c == k),
                Durations(waits.Where(w => w.k == k).Select(w => w.Wait)), Durations(mine.Select(s => s.Service)),
                mine.Count == 0 ? null : (double)mine.Count(s => s.WithinTarget) / mine.Count,
                mine.Count(s => IsWorkday(s.At) && Local(s.At).Hour is >= 12 and < 14),
                mine.Count(s => !IsWorkday(s.At) || Local(s.At).TimeOfDay < new TimeSpan(8, 30, 0) || Local(s.At).TimeOfDay >= new TimeSpan(17, 30, 0)),
                new(grades.Count, grades.Count == 0 ? null : (double)grades.Count(g => g >= 3) / grades.Count, grades.Count(g => g <= 2)));
        });
    }

    private static StatsRowView Zero(string key) => new(key, "", 0, 0, 0, 0, new(0, null, null, null), new(0, null, null, null), null, 0, 0, new(0, null, 0));

    private static DurationStatsView Durations(IEnumerable<int> seconds)
    {
        var s = seconds.Order().ToList();
        return s.Count == 0 ? new(0, null, null, null)
            : new(s.Count, s[(int)Math.Ceiling(s.Count * 0.5) - 1], s[(int)Math.Ceiling(s.Count * 0.9) - 1], s[^1]);
    }

    private static DateTime Local(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).DateTime;
    private static string HalfHour(DateTimeOffset at) => $"{Local(at).Hour:D2}:{(Local(at).Minute < 30 ? "00" : "30")}";

    private static bool IsWorkday(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(Local(at));
        return day == new DateOnly(2026, 11, 14) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && day != new DateOnly(2026, 11, 11));
    }
}
