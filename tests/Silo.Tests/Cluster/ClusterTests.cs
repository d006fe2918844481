using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Queue.Contracts;
using Queue.Tests.Support;
using Xunit.Abstractions;

namespace Queue.Silo.Tests.Cluster;

/// <summary>Several silo processes as one Orleans cluster over Redis (issue 11): one hall, wherever it is asked.</summary>
[Collection(nameof(SiloCluster))]
public class ClusterTests(ITestOutputHelper output)
{
    private const string Hall = HallApi.Hall;

    [RedisFact]
    public async Task Windows_calling_through_different_silos_share_one_hall_and_never_call_a_ticket_twice()
    {
        await using var cluster = await SiloCluster.Start(3);
        var http = cluster.Silos.Select(s => s.Client()).ToArray();
        var windows = Enumerable.Range(1, 6).ToArray();
        foreach (var w in windows) await http[w % 3].OpenWindow(w);

        var first = await http[0].TakeOk(new { categoryCode = "general" });
        Assert.Equal(first.GetProperty("number").GetString(), (await http[1].ActOk(1, "call-next")).TicketNumber());
        await http[1].ActOk(1, "complete");

        // Kiosks take through every silo while each window calls through its own silo.
        var taken = new ConcurrentBag<string>();
        var called = new ConcurrentBag<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var kiosks = Task.WhenAll(http.Select(kiosk => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++) taken.Add((await kiosk.TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString()!);
        })));
        var clerks = windows.Select(w => Task.Run(async () =>
        {
            var clerk = http[(w + 1) % 3];   // not the silo that opened the window
            while (!deadline.IsCancellationRequested)
            {
                var kiosksDone = kiosks.IsCompleted;
                var response = await clerk.Act(w, "call-next");
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    if (kiosksDone) return;
                    await Task.Delay(5);   // nobody waits yet: a clerk looks again shortly
                    continue;
                }
                called.Add((await HallApi.Body(response)).TicketNumber());
                await clerk.ActOk(w, "complete");
            }
        })).ToArray();
        await kiosks;
        await Task.WhenAll(clerks);

        Assert.Equal(90, taken.Count);
        Assert.Equal(called.Count, called.Distinct().Count());
        Assert.Equal(taken.Order(), called.Order());
        Assert.Equal(1, cluster.Holders(Hall).Sum(i => cluster.Activations(i, Hall)));
        var seqs = await Task.WhenAll(http.Select(async h => (await h.HallOk()).GetProperty("seq").GetInt64()));
        Assert.Single(seqs.Distinct());
    }

    [RedisFact]
    public async Task A_display_on_any_silo_hears_every_call_made_through_another()
    {
        await using var cluster = await SiloCluster.Start(3);
        // One display per silo: whichever silo holds the hall, at least two displays are on other silos.
        var displays = await Task.WhenAll(cluster.Silos.Select(s => HubListener.Join(s.BaseAddress, $"hall={Hall}&role=display")));
        try
        {
            foreach (var d in displays) await d.Next<HallStateView>(nameof(IHallClient.HallState));
            using var http = cluster[0].Client();
            await http.OpenWindow(1);
            var numbers = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                await http.TakeOk(new { categoryCode = "general" });
                numbers.Add((await http.ActOk(1, "call-next")).TicketNumber());
                await http.ActOk(1, "complete");
            }
            var holder = Assert.Single(cluster.Holders(Hall));
            output.WriteLine($"hall {Hall} is held by silo {holder}; displays on silos 0, 1, 2");
            foreach (var d in displays)
            {
                var calls = new List<CallView>();
                for (var i = 0; i < numbers.Count; i++) calls.Add(await d.Next<CallView>(nameof(IHallClient.TicketCalled)));
                Assert.Equal(numbers, calls.Select(c => c.TicketNumber));
                Assert.Equal(calls.Select(c => c.Seq).Order(), calls.Select(c => c.Seq));
            }
        }
        finally
        {
            foreach (var d in displays) await d.DisposeAsync();
        }
    }

    [RedisFact]
    public async Task A_sign_in_and_a_device_token_hold_on_every_silo_and_a_revocation_through_one_cuts_the_device_on_another()
    {
        await using var cluster = await SiloCluster.Start(3);
        using var admin = cluster[0].Client();
        await admin.CreateUserOk("m1", "manager", Hall);
        // One browser behind nginx: its cookie, set through silo 0, reaches whichever silo answers next.
        var cookies = new CookieContainer();
        HttpClient Browser(int silo) => new(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = cluster[silo].BaseAddress };
        using (var first = Browser(0)) await first.PostOk("/api/auth/sign-in", new { userName = "m1", password = Staff.Password });
        foreach (var silo in new[] { 1, 2 })
        {
            using var browser = Browser(silo);
            Assert.Equal("m1", (await browser.GetOk("/api/auth/me")).GetProperty("userName").GetString());
            var (id, token, _) = await browser.PairOk("print-agent", $"k{silo}");
            using var agent = cluster[(silo + 1) % 3].DeviceClient(token);
            Assert.Equal(id, (await agent.GetOk($"/api/halls/{Hall}/devices/me")).GetProperty("id").GetString());

            // The agent listens through a third silo; the manager revokes it through this one.
            await using var printer = await HubListener.Join(cluster[(silo + 2) % 3].BaseAddress,
                $"hall={Hall}&role=printer&kiosk=k{silo}&access_token={Uri.EscapeDataString(token)}");
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            printer.Connection.Reconnecting += e => { closed.TrySetResult(e); return Task.CompletedTask; };
            printer.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
            Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync($"/api/halls/{Hall}/manage/devices/{id}")).StatusCode);
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
            await HallApi.AssertProblem(await agent.GetAsync($"/api/halls/{Hall}/devices/me"), HttpStatusCode.Unauthorized, "sign-in-required");
        }
    }

    private sealed record Acked(string Key, string Id, string Number);

    [RedisFact]
    public async Task When_the_silo_holding_a_hall_is_killed_a_survivor_answers_within_5_s_with_every_acknowledged_ticket()
    {
        await using var cluster = await SiloCluster.Start(3);
        using var admin = cluster[0].Client();
        await admin.OpenWindow(1);
        var tokens = await Task.WhenAll(Enumerable.Range(0, 6).Select(async k => (await admin.PairOk("kiosk", $"k{k}")).Token));
        // Kiosk k speaks through silo k % 3; a lost request shows within 5 s.
        HttpClient Kiosk(int k, int silo)
        {
            var kiosk = cluster[silo].DeviceClient(tokens[k]);
            kiosk.Timeout = TimeSpan.FromSeconds(5);
            return kiosk;
        }
        var holder = Assert.Single(cluster.Holders(Hall));
        var survivors = Enumerable.Range(0, 3).Where(i => i != holder).ToArray();

        var acked = new ConcurrentDictionary<string, Acked>();
        var unanswered = new ConcurrentBag<string>();
        var afterKill = 0;
        var killed = false;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Two kiosks per silo. A kiosk whose request fails asks again with the same key, as a real one does; those on
        // the killed silo lose their server and keep their last key for the check below.
        var kiosks = Enumerable.Range(0, 6).Select(k => Task.Run(async () =>
        {
            var silo = k % 3;
            using var kiosk = Kiosk(k, silo);
            while (!stop.IsCancellationRequested)
            {
                var key = $"kiosk{k}-{Guid.NewGuid():N}";
                while (true)
                {
                    try
                    {
                        var response = await kiosk.Take(new { categoryCode = "general" }, key: key);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var body = await HallApi.Body(response);
                            acked[key] = new Acked(key, body.GetProperty("id").GetString()!, body.GetProperty("number").GetString()!);
                            if (Volatile.Read(ref killed)) Interlocked.Increment(ref afterKill);
                            break;
                        }
                    }
                    catch (Exception) when (silo == holder && Volatile.Read(ref killed)) { unanswered.Add(key); return; }
                    catch (Exception) when (!stop.IsCancellationRequested) { }
                    if (stop.IsCancellationRequested) { unanswered.Add(key); return; }
                    await Task.Delay(50);   // a kiosk's pause before asking again, not a wait for a condition
                }
            }
        })).ToArray();

        await Wait.Until(() => acked.Count >= 60, TimeSpan.FromSeconds(30), "60 tickets taken through the three silos");
        var clock = Stopwatch.StartNew();
        cluster[holder].Kill();
        Volatile.Write(ref killed, true);
        // The hall answers again: the first ticket acknowledged through a survivor after the kill.
        await Wait.Until(() => Volatile.Read(ref afterKill) > 0, TimeSpan.FromSeconds(30), "a ticket taken through a survivor after the kill");
        var failover = clock.Elapsed;
        output.WriteLine($"failover: silo {holder} killed, hall {Hall} answered through a survivor after {failover.TotalSeconds:F2} s");
        Console.WriteLine($"cluster failover: {failover.TotalSeconds:F2} s");
        await Wait.Until(() => Volatile.Read(ref afterKill) >= 20, TimeSpan.FromSeconds(30), "20 tickets taken after the kill");
        await stop.CancelAsync();
        await Task.WhenAll(kiosks);
        Assert.True(failover < TimeSpan.FromSeconds(5), $"the hall answered {failover.TotalSeconds:F2} s after the kill");

        // Nothing acknowledged is lost, through any survivor; numbering continues and no number is issued twice.
        Assert.Equal(acked.Count, acked.Values.Select(a => a.Number).Distinct().Count());
        using var phone = cluster[survivors[0]].AnonymousClient();
        foreach (var a in acked.Values)
            Assert.Equal(a.Number, (await HallApi.Body(await phone.GetAsync($"/api/halls/{Hall}/tickets/{a.Id}"))).GetProperty("number").GetString());
        var numbers = acked.Values.Select(a => a.Number).ToHashSet();
        // A kiosk that lost its silo asks a survivor with its last key.
        foreach (var key in unanswered)
        {
            using var kiosk = Kiosk(int.Parse(key["kiosk".Length..key.IndexOf('-')]), survivors[1]);
            var t = await kiosk.TakeOk(new { categoryCode = "general" }, key: key);
            Assert.True(numbers.Add(t.GetProperty("number").GetString()!), $"{t.GetProperty("number")} was issued twice");
        }
        var highest = acked.Values.Max(a => int.Parse(a.Number[1..]));
        using var survivor = Kiosk(0, survivors[0]);
        var next = await survivor.TakeOk(new { categoryCode = "general" });
        Assert.True(int.Parse(next.GetProperty("number").GetString()![1..]) > highest);
        // One new activation, on one survivor.
        Assert.Equal(1, survivors.Sum(i => cluster.Activations(i, Hall)));
    }
}
