using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Tests.Stats;

/// <summary>
/// A month of one hall's log, random but seeded, written event by event, with what happened to every ticket noted beside
/// it as plain facts (<see cref="Facts"/>), so a test can total them without the projection. Each ticket walks one
/// category, or a bundle's two; a step waits, may be cancelled or transferred, is called (a no-show, perhaps reinstated
/// and called again), served and perhaps rated. Hall-local days start at midnight (Asia/Shanghai); tickets come from
/// 07:30 to 18:00, so some fall outside the opening hours, and every day is served, weekends and a holiday too.
/// The figures benchmark reads the same month.
/// </summary>
public sealed class GeneratedMonth
{
    public static readonly DateOnly FirstDay = new(2026, 11, 1);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public static HallConfig Config { get; } = new()
    {
        Id = "figures", Name = "统计测试大厅",
        Categories = [new("A", "户籍", "A", 15), new("B", "社保", "B", 30), new("C", "出件", "C", 20)],
        Matters = [new("m1", "户口迁移", "A"), new("m2", "社保卡补办", "B"), new("m3", "证照领取", "C"), new("m4", "居住证", "A")],
        Bundles = [new("b1", "新生儿出生一件事", ["m1", "m3"], ["A", "C"])],
        Holidays = [new(2026, 11, 11)],
        ExtraWorkdays = [new(2026, 11, 14)],
        Windows = [.. Enumerable.Range(1, 6).Select(no => new WindowConfig(no, $"{no}号窗口", WindowKind.Comprehensive, ["A", "B", "C"]))],
    };

    public List<HallEvent> Events { get; } = [];
    public Facts Noted { get; } = new();

    public sealed record Step(DateOnly Day, string Category, string[] Matters, int Window, string Clerk);
    public sealed class Facts
    {
        public List<(DateOnly Day, string Category, string[] Matters, DateTimeOffset At)> Issued { get; } = [];
        public List<(Step Step, int Wait)> Waits { get; } = [];
        public List<(Step Step, int Service, bool WithinTarget, DateTimeOffset At)> Served { get; } = [];
        public List<Step> NoShows { get; } = [];
        /// <summary>Window 0: cancelled while waiting.</summary>
        public List<Step> Cancelled { get; } = [];
        public List<(Step Step, int Grade)> Ratings { get; } = [];
    }

    public GeneratedMonth(int days = 30, int ticketsPerDay = 300, int seed = 14)
    {
        var random = new Random(seed);
        var n = 0;
        for (var d = 0; d < days; d++)
        {
            var date = FirstDay.AddDays(d);
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), Shanghai);
            var day = new List<HallEvent> { new DayStarted(date, midnight) };
            var clerks = Enumerable.Range(1, 6).ToDictionary(w => w, w => $"c{(w + d) % 8 + 1}");
            day.AddRange(clerks.Select(c => new WindowOpened(c.Key, c.Value, midnight.AddHours(7))));
            for (var i = 0; i < ticketsPerDay; i++)
                day.AddRange(Ticket(random, date, midnight.AddMinutes(450 + random.Next(630)).AddSeconds(random.Next(60)), $"t{n++:D7}", clerks));
            Events.AddRange(day.OrderBy(e => e.At));   // stable: a ticket's events never share a second
        }
    }

    private IEnumerable<HallEvent> Ticket(Random random, DateOnly date, DateTimeOffset at, string id, Dictionary<int, string> clerks)
    {
        var bundle = random.NextDouble() < 0.15;
        string[] route = bundle ? ["A", "C"] : [new[] { "A", "B", "A" }[random.Next(3)]];
        string[] matters = bundle ? ["m1", "m3"] : route[0] == "B" ? ["m2"] : random.NextDouble() < 0.1 ? [] : [random.Next(2) == 0 ? "m1" : "m4"];
        yield return new TicketIssued(id, "A001", route[0], 1, route, matters, bundle ? "b1" : null, Priority.Normal, null, null, null, null, "k1", at);
        Noted.Issued.Add((date, route[0], matters, at));
        var queued = at;
        for (var s = 0; s < route.Length; s++)
        {
            var category = route[s];
            at = at.AddSeconds(1 + random.Next(2400));
            if (random.NextDouble() < 0.04)
            {
                yield return new TicketCancelled(id, at);
                Noted.Cancelled.Add(new(date, category, matters, 0, ""));
                yield break;
            }
            if (random.NextDouble() < 0.05)
            {
                // Moved to another category while waiting: the wait runs on.
                category = category == "A" ? "B" : "A";
                yield return new TicketTransferred(id, null, category, null, "走错", at);
                at = at.AddSeconds(1 + random.Next(600));
            }
            var window = 1 + random.Next(6);
            var step = new Step(date, category, matters, window, clerks[window]);
            yield return new TicketCalled(id, window, clerks[window], at);
            var wait = (int)(at - queued).TotalSeconds;
            Noted.Waits.Add((step, wait));
            if (random.NextDouble() < 0.06)
            {
                at = at.AddSeconds(180);
                yield return new TicketMarkedNoShow(id, window, at);
                Noted.NoShows.Add(step);
                if (random.NextDouble() < 0.5) yield break;
                at = at.AddSeconds(1 + random.Next(900));
                yield return new TicketReinstated(id, at);
                // Called again at another window: no second wait, and served there.
                window = 1 + random.Next(6);
                step = step with { Window = window, Clerk = clerks[window] };
                at = at.AddSeconds(1 + random.Next(300));
                yield return new TicketCalled(id, window, clerks[window], at);
            }
            if (random.NextDouble() < 0.03)
            {
                at = at.AddSeconds(20);
                yield return new TicketCancelled(id, at);
                Noted.Cancelled.Add(step);
                yield break;
            }
            var from = at;
            if (random.NextDouble() < 0.7)
            {
                at = at.AddSeconds(1 + random.Next(60));
                yield return new TicketServiceStarted(id, window, at);
                from = at;
            }
            at = at.AddSeconds(60 + random.Next(1800));
            yield return new TicketCompleted(id, window, at);
            Noted.Served.Add((step, (int)(at - from).TotalSeconds, wait <= Config.Category(category)!.TargetWaitMinutes * 60, at));
            queued = at;
            if (random.NextDouble() < 0.6)
            {
                var grade = 1 + random.Next(5);
                yield return new ServiceRated(id, "A001", s, category, matters, bundle ? "b1" : null, window, clerks[window], grade, [], null,
                    "evaluator", at, at.AddSeconds(1));
                Noted.Ratings.Add((step, grade));
                at = at.AddSeconds(1);
            }
        }
    }
}
