using System.Collections.Concurrent;
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
}
