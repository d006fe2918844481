using Queue.Hall.Events;
using Queue.Tests.Support;
using Xunit.Abstractions;

namespace Queue.Silo.Tests.Cluster;

/// <summary>
/// Three silos behind nginx, with kiosks and clerks of 30 halls playing through it (issue 11), while a silo dies,
/// stalls, or Redis restarts: nothing acknowledged is lost, no number is reused, no ticket is called twice, and the
/// busiest hall's screens stay whole.
/// </summary>
[Collection(nameof(SiloCluster))]
public class FailoverTests(ITestOutputHelper output)
{
    private const string Busiest = "xuanen-00001";
    /// <summary>Ten copies of each of the three seed halls.</summary>
    private static readonly string[] ThirtyHalls = ["--Halls:CopiesPerSeed=10"];
    private static readonly TimeSpan Whole = TimeSpan.FromSeconds(2);

    [FrontFact]
    public async Task When_the_silo_holding_the_busiest_hall_is_killed_the_hall_answers_within_5_s_and_nothing_is_lost_or_called_twice()
    {
        await using var cluster = await SiloCluster.Start(3, front: true, settings: ThirtyHalls);
        var halls = await Halls(cluster.Front!);
        var screens = await Screens(cluster);
        try
        {
            await using var load = await HallLoad.Start(cluster.Front!, halls, Busiest);
            await Wait.Until(() => load.TakenIn(Busiest) >= 40, TimeSpan.FromSeconds(30), $"40 tickets taken in {Busiest}");
            var holder = Assert.Single(cluster.Holders(Busiest));
            var (killedAt, back) = await KillAndTime(cluster, load, holder);
            var taken = load.TakenIn(Busiest);
            await Wait.Until(() => load.TakenIn(Busiest) >= taken + 40, TimeSpan.FromSeconds(30), $"40 more tickets taken in {Busiest}");
            await load.Stop();

            var log = await cluster.Events();
            AssertNothingUnexpected(cluster, log, halls, load);
            AssertWhole(log, halls, load);
            // A resident's phone finds every acknowledged ticket of the busiest hall, with its number, through nginx.
            using var phone = new HttpClient { BaseAddress = cluster.Front!.BaseAddress };
            foreach (var t in load.Tickets.Where(t => t.Hall == Busiest))
                Assert.Equal(t.Number, (await phone.GetOk($"/api/halls/{Busiest}/tickets/{t.Id}")).GetProperty("number").GetString());
            Assert.True(back - killedAt < TimeSpan.FromSeconds(5), $"{Busiest} answered {(back - killedAt).TotalSeconds:F2} s after the kill");
            // Screens still connected through a survivor heard every call, or were given a state past it within 2 s of
            // the call (or of the hall answering again, for a call the dying silo never sent).
            await AssertSeenBy(screens.Where(s => s.Name != OnSilo(holder)), Calls(log[Busiest]), at => Later(at, back) + Whole);
        }
        finally
        {
            foreach (var s in screens) await s.DisposeAsync();
        }
    }

    [FrontFact]
    public async Task A_silo_frozen_past_its_death_declaration_and_woken_appends_nothing_for_the_halls_that_moved()
    {
        await using var cluster = await SiloCluster.Start(3, front: true, settings: [.. ThirtyHalls, SiloCluster.AppendsLogged]);
        var halls = await Halls(cluster.Front!);
        var screens = await Screens(cluster);
        try
        {
            await using var load = await HallLoad.Start(cluster.Front!, halls, Busiest);
            await Wait.Until(() => load.TakenIn(Busiest) >= 40, TimeSpan.FromSeconds(30), $"40 tickets taken in {Busiest}");
            var frozen = Assert.Single(cluster.Holders(Busiest));
            var survivors = Enumerable.Range(0, 3).Where(i => i != frozen).ToArray();
            bool OnSurvivor(string hall) => survivors.Any(s => cluster.Activations(s, hall) > 0);
            var moved = cluster.HallsOf(frozen).Where(h => !OnSurvivor(h)).ToArray();
            cluster.Freeze(frozen);
            await Wait.Until(() => moved.All(OnSurvivor), TimeSpan.FromSeconds(30), $"the {moved.Length} halls of the frozen silo to be activated on survivors",
                () => "not yet: " + string.Join(", ", moved.Where(h => !OnSurvivor(h))));
            var taken = load.TakenIn(Busiest);
            await Wait.Until(() => load.TakenIn(Busiest) >= taken + 20, TimeSpan.FromSeconds(30), $"20 more tickets taken in {Busiest} through survivors");
            // What waits in the frozen silo's sockets when it wakes: residents cancelling their tickets through it, one per
            // hall that moved (anonymous, so its stale hall grains are all they need there).
            using var straight = cluster[frozen].AnonymousClient();
            var cancels = moved.Select(h => load.Tickets.Last(t => t.Hall == h))
                .Select(t => (straight.Post($"/api/halls/{t.Hall}/tickets/{t.Id}/cancel", null, key: $"cancel-{t.Id}"), t.Id)).ToArray();
            cluster.Wake(frozen);
            await Wait.Until(() => cluster[frozen].HasExited, TimeSpan.FromSeconds(15), "the woken silo to find itself declared dead and stop");
            var gone = DateTimeOffset.UtcNow;
            var answered = new List<string>();
            foreach (var (cancel, ticket) in cancels)
                try
                {
                    using var response = await cancel;
                    if (response.IsSuccessStatusCode) answered.Add(ticket);
                }
                catch (HttpRequestException) { }   // it stopped before answering
            // Its kiosks and clerks are served by the survivors: every hall it held takes tickets again.
            var before = moved.ToDictionary(h => h, load.TakenIn);
            await Wait.Until(() => moved.All(h => load.TakenIn(h) > before[h]), TimeSpan.FromSeconds(20), "every moved hall to take a ticket after the woken silo stopped");
            await load.Stop();

            var log = await cluster.Events();
            AssertNothingUnexpected(cluster, log, halls, load);
            AssertWhole(log, halls, load);
            // The fence: each survivor took its hall's next seq as it activated (HallTakenOver), so the woken silo, whatever
            // it had decided, wrote nothing past the seq the survivor took the hall over at; and whatever it answered holds.
            foreach (var hall in moved)
            {
                var takenOver = survivors.SelectMany(s => cluster.ActivatedAt(s, hall)).Min();
                if (takenOver > 0) Assert.Contains(log[hall], e => e.Seq == takenOver + 1 && e.Event is HallTakenOver);
                var late = cluster.Appended(frozen, hall).Where(a => a.Last > takenOver).ToArray();
                Assert.True(late is [], $"the woken silo appended {hall} at {string.Join(", ", late.Select(a => $"{a.First}-{a.Last}"))} after a survivor took it over at seq {takenOver}");
                var cancelledAt = log[hall].Where(e => e.Event is TicketCancelled).ToDictionary(e => ((TicketCancelled)e.Event).TicketId, e => e.Seq);
                var calledAfter = log[hall].Where(e => e.Event is TicketCalled c && cancelledAt.GetValueOrDefault(c.TicketId, long.MaxValue) < e.Seq);
                Assert.True(!calledAfter.Any(), $"{hall}: {string.Join(", ", calledAfter.Select(e => ((TicketCalled)e.Event).TicketId))} called after their cancel");
            }
            using var phone = new HttpClient { BaseAddress = cluster.Front!.BaseAddress };
            foreach (var id in answered)
            {
                var hall = load.Tickets.First(t => t.Id == id).Hall;
                Assert.Contains(log[hall], e => e.Event is TicketCancelled c && c.TicketId == id);
                Assert.Equal("cancelled", (await phone.GetOk($"/api/halls/{hall}/tickets/{id}")).GetProperty("status").GetString());
            }
            output.WriteLine($"the woken silo answered {answered.Count} of {cancels.Length} cancels");
            // Screens on survivors heard every call; those through nginx that sat on the frozen silo are whole within 2 s of it stopping.
            await AssertSeenBy(screens.Where(s => s.Name != OnSilo(frozen)), Calls(log[Busiest]), at => Later(at, gone) + Whole);
        }
        finally
        {
            foreach (var s in screens) await s.DisposeAsync();
        }
    }

    [FrontFact]
    public async Task When_Redis_restarts_under_load_calls_go_on_screens_are_whole_again_and_a_silo_that_dies_after_is_replaced()
    {
        await using var redis = await RedisServer.Start();
        await using var cluster = await SiloCluster.Start(3, front: true, redis: redis.Address, settings: ThirtyHalls);
        var halls = await Halls(cluster.Front!);
        var screens = await Screens(cluster);
        try
        {
            await using var load = await HallLoad.Start(cluster.Front!, halls, Busiest);
            await Wait.Until(() => load.TakenIn(Busiest) >= 40, TimeSpan.FromSeconds(30), $"40 tickets taken in {Busiest}");
            int Called() => load.Called.GetValueOrDefault(Busiest)?.Count ?? 0;
            await redis.Stop();
            var (taken, called) = (load.TakenIn(Busiest), Called());
            await Wait.Until(() => load.TakenIn(Busiest) >= taken + 20 && Called() >= called + 10, TimeSpan.FromSeconds(30),
                $"20 tickets taken and 10 called in {Busiest} while Redis is down");
            await redis.StartAgain();
            var started = DateTimeOffset.UtcNow;
            await Wait.Until(() => Enumerable.Range(0, 3).All(i => cluster.BackplaneBack(i) > started), TimeSpan.FromSeconds(20),
                "every silo to hear Redis again");
            var resynced = Enumerable.Range(0, 3).Select(i => cluster.BackplaneBack(i)!.Value).ToArray();
            output.WriteLine($"Redis restarted: the silos' backplanes were back {string.Join(", ", resynced.Select(t => $"{(t - started).TotalSeconds:F2} s"))} later");
            (taken, called) = (load.TakenIn(Busiest), Called());
            await Wait.Until(() => load.TakenIn(Busiest) >= taken + 20 && Called() >= called + 10, TimeSpan.FromSeconds(30),
                $"20 tickets taken and 10 called in {Busiest} after Redis came back");
            // What went out while Redis was down reached no screen, not even on the silo that sent it; each silo, hearing
            // Redis again, has the halls its screens watch send their whole state (through the silo holding the hall,
            // so once that one is back too): every call is on every screen within 2 s of the last silo being back.
            var allBack = resynced.Max();
            await AssertSeenBy(screens, Calls((await cluster.Events())[Busiest]), at => Later(at, allBack) + Whole);

            // Membership came through the restart too: a silo that dies now is declared dead, and its halls move.
            await KillAndTime(cluster, load, Assert.Single(cluster.Holders(Busiest)));
            await load.Stop();
            var log = await cluster.Events();
            AssertNothingUnexpected(cluster, log, halls, load);
            AssertWhole(log, halls, load);
        }
        finally
        {
            foreach (var s in screens) await s.DisposeAsync();
        }
    }

    private static async Task<string[]> Halls(NginxFront front)
    {
        using var anyone = new HttpClient { BaseAddress = front.BaseAddress };
        var halls = (await anyone.HallsOk()).EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(30, halls.Length);
        return halls;
    }

    private static string OnSilo(int silo) => $"screen on silo {silo}";

    /// <summary>Screens of the busiest hall: one on each silo, and two through nginx.</summary>
    private static async Task<List<Screen>> Screens(SiloCluster cluster)
    {
        var screens = new List<Screen>();
        for (var i = 0; i < cluster.Silos.Count; i++) screens.Add(await Screen.Join(OnSilo(i), cluster[i].BaseAddress, Busiest));
        for (var i = 0; i < 2; i++) screens.Add(await Screen.Join($"screen {i} through nginx", cluster.Front!.BaseAddress, Busiest));
        return screens;
    }

    /// <summary>SIGKILLs <paramref name="silo"/> and waits until the busiest hall answers a request sent after that; prints how long it took.</summary>
    private async Task<(DateTimeOffset KilledAt, DateTimeOffset Back)> KillAndTime(SiloCluster cluster, HallLoad load, int silo)
    {
        var halls = cluster.HallsOf(silo).Length;
        var killedAt = DateTimeOffset.UtcNow;
        cluster[silo].Kill();
        // Timed from the kill, but only answers to requests sent once the process is gone count: none can be its own.
        var gone = DateTimeOffset.UtcNow;
        var back = await Wait.For(() => Task.FromResult(load.AnsweredAgain(Busiest, gone)), TimeSpan.FromSeconds(30),
            $"{Busiest} to answer a request sent after silo {silo} was killed");
        output.WriteLine($"failover: silo {silo} (holding {halls} of 30 halls, log: {cluster.Log}) killed; " +
            $"{Busiest} answered a request sent after the kill {(back - killedAt).TotalSeconds:F2} s later");
        return (killedAt, back);
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The calls of one hall's log: seq and when.</summary>
    private static (long Seq, DateTimeOffset At)[] Calls(IEnumerable<(long Seq, HallEvent Event)> events) =>
        events.Where(e => e.Event is TicketCalled or TicketRecalled).Select(e => (e.Seq, e.Event.At)).ToArray();

    /// <summary>
    /// Every call is on every one of <paramref name="screens"/>: heard, or covered by a whole state given by
    /// <paramref name="deadline"/>(the call's time). Waits for messages still on their way until the last deadline.
    /// </summary>
    private static async Task AssertSeenBy(IEnumerable<Screen> screens, (long Seq, DateTimeOffset At)[] calls, Func<DateTimeOffset, DateTimeOffset> deadline)
    {
        var all = screens.ToArray();
        string Missing(Func<DateTimeOffset, DateTimeOffset> by) => string.Join("; ", all.Select(s => (s.Name, Seqs: s.Missed(calls, by)))
            .Where(m => m.Seqs.Length > 0).Select(m => $"{m.Name} missed seq {string.Join(", ", m.Seqs)}"));
        var settle = calls.Select(c => deadline(c.At)).DefaultIfEmpty(DateTimeOffset.UtcNow).Max() - DateTimeOffset.UtcNow;
        if (settle > TimeSpan.Zero)
            await Wait.Until(() => Missing(_ => DateTimeOffset.MaxValue) == "", settle, "every screen to have every call", () => Missing(_ => DateTimeOffset.MaxValue));
        Assert.True(Missing(deadline) == "", Missing(deadline));
    }

    /// <summary>No kiosk or clerk was given an answer they should never get; for one that was, the output shows what its
    /// hall's log and the silos said of that hall.</summary>
    private void AssertNothingUnexpected(SiloCluster cluster, ILookup<string, (long Seq, HallEvent Event)> log, string[] halls, HallLoad load)
    {
        var explained = load.NothingCompleted.Where(r => Cancelled(log[r.Hall], r)).ToArray();
        if (explained.Length > 0) output.WriteLine($"{explained.Length} clerks were told there was nothing to complete: their resident had cancelled");
        var unexpected = load.Unexpected.Concat(load.NothingCompleted.Except(explained)
            .Select(r => $"clerk-{r.Window} of {r.Hall} complete: nothing to complete, and its resident had not cancelled{r.Trail}")).ToArray();
        if (unexpected is []) return;
        foreach (var hall in halls.Where(h => unexpected.Any(u => u.Contains($" of {h} ", StringComparison.Ordinal))))
        {
            output.WriteLine($"--- {hall}: the last 30 events of its log");
            foreach (var (seq, e) in log[hall].TakeLast(30)) output.WriteLine($"{seq} {e.At:HH:mm:ss.fff} {e}");
            output.WriteLine($"--- {hall}: what the silos said of it");
            foreach (var line in cluster.Said(hall).TakeLast(60)) output.WriteLine(line);
        }
        Assert.Fail(string.Join("\n", unexpected));
    }

    /// <summary>Whether the ticket last called at the clerk's window was cancelled, and not followed by another call
    /// there, at some moment between the clerk asking to complete it and being answered (the log's times are the
    /// decisions', on this machine's clock).</summary>
    private static bool Cancelled(IEnumerable<(long Seq, HallEvent Event)> events, HallLoad.NothingToComplete refused)
    {
        var (held, cancelledAt) = ((string?)null, (DateTimeOffset?)null);
        foreach (var (_, e) in events.Where(e => e.Event.At <= refused.At))
            switch (e)
            {
                case TicketCalled c when c.WindowNo == refused.Window:
                    if (cancelledAt is not null && c.At >= refused.Sent) return true;   // cancelled until this call, while asked
                    (held, cancelledAt) = (c.TicketId, null);
                    break;
                case TicketCancelled c when c.TicketId == held: cancelledAt = c.At; break;
            }
        return cancelledAt is not null;
    }

    /// <summary>
    /// What the log must be whatever happened to the silos: each hall's seqs 1, 2, 3… once each; every number issued once,
    /// counting up per prefix; no ticket called twice; every ticket a kiosk was given there once, with its number; every
    /// number a clerk was given called once.
    /// </summary>
    private static void AssertWhole(ILookup<string, (long Seq, HallEvent Event)> log, string[] halls, HallLoad load)
    {
        foreach (var hall in halls)
        {
            var events = log[hall].ToArray();
            Assert.Equal(Enumerable.Range(1, events.Length).Select(i => (long)i), events.Select(e => e.Seq));
            var issued = events.Select(e => e.Event).OfType<TicketIssued>().ToArray();
            Assert.Equal(issued.Length, issued.Select(t => t.TicketId).Distinct().Count());
            Assert.Equal(issued.Length, issued.Select(t => t.Number).Distinct().Count());
            foreach (var prefix in issued.GroupBy(t => t.Prefix))
                Assert.Equal(prefix.Select(t => t.DailySeq).Order(), prefix.Select(t => t.DailySeq));
            Assert.Empty(events.Select(e => e.Event).OfType<TicketCalled>().GroupBy(c => c.TicketId).Where(g => g.Count() > 1).Select(g => g.Key));
            var numbers = issued.ToDictionary(t => t.TicketId, t => t.Number);
            foreach (var t in load.Tickets.Where(t => t.Hall == hall))
                Assert.Equal(t.Number, numbers.GetValueOrDefault(t.Id));
            var called = load.Called.GetValueOrDefault(hall)?.ToArray() ?? [];
            Assert.Equal(called.Length, called.Distinct().Count());
        }
    }
}
