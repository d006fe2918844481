using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Benchmarks;

/// <summary>
/// A whole service day of one hall, made the way the silo makes it (decide, then apply), so replay is measured on
/// realistic events. Volume comes from the seed: every window works the whole day at its first category's
/// default service time (a full hall), and residents arrive evenly for that capacity. 3 % take the green
/// channel, 10 % come for a bundle (一件事) when the hall has some, 5 % of calls are no-shows.
/// </summary>
public static class DayLog
{
    /// <summary><see cref="Commands"/>: each command with its moment, to run the day again through <see cref="Run"/>.</summary>
    public sealed record Day(HallConfig Config, IReadOnlyList<HallEvent> Events, int Tickets, HallState End,
        IReadOnlyList<(DateTimeOffset Now, HallCommand Command)> Commands);

    public static int TicketsPerDay(HallConfig c) => c.Windows.Sum(w => OpenMinutes(c) / DefaultMinutes(c, w.Categories[0]));

    public static Day Make(HallConfig config, int seed = 42)
    {
        var random = new Random(seed);
        var state = new HallState(config);
        var log = new List<HallEvent>();
        var commands = new List<(DateTimeOffset, HallCommand)>();
        var now = Halls.DayOpens;
        void Do(HallCommand command)
        {
            commands.Add((now, command));
            Run(state, command, now, log.Add);
        }

        foreach (var w in config.Windows) Do(new OpenWindow(w.No, $"c{w.No:D2}"));
        // Arrivals in proportion to each category's capacity, spread over the day but the last half hour.
        var weights = config.Windows.Select(w => (cat: w.Categories[0], rate: 1.0 / DefaultMinutes(config, w.Categories[0]))).ToList();
        var tickets = TicketsPerDay(config);
        var arrivals = Enumerable.Range(0, tickets).Select(_ => random.NextDouble() * (OpenMinutes(config) - 30) * 60).Order().ToList();
        var doneAt = new Dictionary<int, DateTimeOffset>();
        var next = 0;
        for (var t = 0.0; t < OpenMinutes(config) * 60; t += 30)
        {
            now = Halls.DayOpens.AddSeconds(t);
            for (; next < arrivals.Count && arrivals[next] <= t; next++)
                Do(NewTicket(config, weights, random, next));
            foreach (var w in state.WindowsInOrder)
            {
                var current = state.CurrentAt(w);
                if (current is { Status: TicketStatus.Called })
                {
                    if (random.NextDouble() < 0.05) Do(new MarkNoShow(w.No));
                    else
                    {
                        Do(new StartService(w.No));
                        doneAt[w.No] = now.AddMinutes(DefaultMinutes(config, current.CategoryCode) * (0.5 + random.NextDouble()));
                    }
                }
                else if (current is { Status: TicketStatus.Serving } && doneAt[w.No] <= now) Do(new CompleteService(w.No));
                if (state.CurrentAt(w) is null) Do(new CallNext(w.No));
            }
        }
        return new Day(config, log, tickets, state, commands);
    }

    /// <summary>One command as the hall grain runs it: the day change, decide, apply, the auto-call; each event applied is told.</summary>
    public static void Run(HallState state, HallCommand command, DateTimeOffset now, Action<HallEvent> applied)
    {
        if (Decide.DayChange(state, now) is { } day) { state.Apply(day); applied(day); }
        var d = Decide.Handle(state, command, now);
        if (d.Refusal is { } r) throw new InvalidOperationException($"{state.Config.Id}: {command} refused: {r.En}");
        foreach (var e in d.Events) { state.Apply(e); applied(e); }
        if (command is IssueTicket && d.Events.Count > 0 && Decide.AutoCall(state, now) is { } call) { state.Apply(call); applied(call); }
    }

    private static IssueTicket NewTicket(HallConfig c, List<(string cat, double rate)> weights, Random random, int n)
    {
        var id = $"d{n:D25}";
        var green = random.NextDouble() < 0.03;
        if (c.Bundles.Count > 0 && random.NextDouble() < 0.10)
            return new IssueTicket(id, BundleId: c.Bundles[random.Next(c.Bundles.Count)].Id, IgnoreOpeningHours: true) { Key = $"k{n}" };
        var pick = random.NextDouble() * weights.Sum(w => w.rate);
        var cat = weights.First(w => (pick -= w.rate) <= 0 || w == weights[^1]).cat;
        return new IssueTicket(id, CategoryCode: cat, Priority: green ? Priority.Green : Priority.Normal,
            GreenReason: green ? "elderly" : null, KioskId: "k1", IgnoreOpeningHours: true) { Key = $"k{n}" };
    }

    private static int OpenMinutes(HallConfig c)
    {
        var h = c.Hours;
        var minutes = (int)(h.Close - h.Open).TotalMinutes;
        return h.LunchService ? minutes : minutes - (int)(h.LunchEnd - h.LunchStart).TotalMinutes;
    }

    private static int DefaultMinutes(HallConfig c, string category) => Math.Max(1, c.Category(category)?.DefaultServiceMinutes ?? 8);
}
