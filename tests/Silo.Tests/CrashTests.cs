using Queue.Tests.Support;
using System.Collections.Concurrent;
using System.Net;
using static Queue.Tests.Support.PrometheusText;

namespace Queue.Silo.Tests;

/// <summary>Power fails mid-day: every ticket the silo acknowledged must be there once after a restart.</summary>
public class CrashTests
{
    private const int Kiosks = 16;
    private sealed record Acked(string Key, string Id, string Number);

    [Fact]
    public async Task After_SIGKILL_during_a_pipelined_burst_every_acknowledged_ticket_is_back_exactly_once_and_numbering_continues()
    {
        var data = Directory.CreateTempSubdirectory("queue-crash-").FullName;
        var acked = new ConcurrentDictionary<string, Acked>();
        var unanswered = new ConcurrentBag<string>();
        var calledAcked = new ConcurrentDictionary<string, string>();   // number -> window
        int port;
        string[] kioskTokens;

        await using (var silo = new SiloProcess(data))
        {
            await silo.StartAsync("--RateLimits:taking:PermitLimit=1000000"); // 16 kiosks flat out, far beyond a real kiosk's pace
            port = silo.Port;
            using var admin = silo.Client();
            kioskTokens = await Task.WhenAll(Enumerable.Range(0, Kiosks).Select(async k => (await admin.PairOk("kiosk", $"k{k}")).Token));
            var clerkDesks = new Dictionary<int, HttpClient>();
            foreach (var w in new[] { 1, 2, 3, 4 })
            {
                await admin.CreateUserOk($"c{w:D2}", "clerk", HallApi.Hall);
                clerkDesks[w] = silo.Client($"c{w:D2}");
                await clerkDesks[w].OpenWindow(w);
            }
            using var stop = new CancellationTokenSource();
            var kiosks = Enumerable.Range(0, Kiosks).Select(k => Task.Run(async () =>
            {
                using var http = silo.DeviceClient(kioskTokens[k]);
                while (!stop.IsCancellationRequested)
                {
                    var key = $"kiosk{k}-{Guid.NewGuid():N}";
                    try
                    {
                        var body = await HallApi.Body(await http.Take(new { categoryCode = "general" }, key: key));
                        acked[key] = new Acked(key, body.GetProperty("id").GetString()!, body.GetProperty("number").GetString()!);
                    }
                    catch (Exception) { unanswered.Add(key); return; }   // the silo died under this request
                }
            })).ToArray();
            var clerks = new[] { 1, 2, 3, 4 }.Select(w => Task.Run(async () =>
            {
                var http = clerkDesks[w];
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var response = await http.Act(w, "call-next");
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            calledAcked[(await HallApi.Body(response)).TicketNumber()] = w.ToString();
                            (await http.Act(w, "complete")).EnsureSuccessStatusCode();
                        }
                        else await Task.Delay(5);   // nobody waits: a clerk looks up again shortly, as at a real desk
                    }
                    catch (Exception) { return; }
                }
            })).ToArray();

            // The plug is pulled mid-stream: the kiosks and clerks go on until the kill. By then the hall has been deciding
            // commands while earlier ones were being written (fewer appends than numbers taken), so the kill finds some
            // decided and not yet durable: none of those was acknowledged, and every acknowledged one is back below.
            await Wait.Until(() => acked.Count >= 300, TimeSpan.FromSeconds(60), "300 tickets acknowledged");
            using (var scraper = silo.AnonymousClient())
            {
                var metrics = await scraper.GetStringAsync("/metrics");
                var (appends, issued) = (Sample(metrics, "queue_store_append_duration_seconds_count", ""), Sample(metrics, "queue_tickets_issued_total", "hall=\"xuanen\""));
                Assert.True(appends < issued, $"{appends} appends for {issued} numbers taken: the hall did not decide while appending");
            }
            silo.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(kiosks.Concat(clerks));
            foreach (var desk in clerkDesks.Values) desk.Dispose();
        }
        Assert.Equal(acked.Count, acked.Values.Select(a => a.Number).Distinct().Count());

        await using var restarted = new SiloProcess(data, port);
        await restarted.StartAsync("--RateLimits:lookup:PermitLimit=1000000"); // every acknowledged ticket looked up at once
        using var phone = restarted.AnonymousClient();
        var kioskAgain = kioskTokens.Select(restarted.DeviceClient).ToArray();   // paired devices survive the crash too
        foreach (var a in acked.Values)
        {
            var t = await HallApi.Body(await phone.Ticket(a.Id));
            Assert.Equal(a.Number, t.GetProperty("number").GetString());
            if (calledAcked.ContainsKey(a.Number)) Assert.NotEqual("waiting", t.GetProperty("status").GetString());
        }
        // A kiosk that never heard back retries with its key: it gets one ticket, never a second number.
        var numbers = acked.Values.Select(a => a.Number).ToHashSet();
        foreach (var key in unanswered.Concat(acked.Keys.Take(20)))
        {
            var t = await HallApi.Body(await kioskAgain[KioskOf(key)].Take(new { categoryCode = "general" }, key: key));
            var number = t.GetProperty("number").GetString()!;
            if (acked.TryGetValue(key, out var before)) Assert.Equal(before.Id, t.GetProperty("id").GetString());
            else Assert.True(numbers.Add(number), $"{number} was issued twice");
        }
        var highest = acked.Values.Max(a => int.Parse(a.Number[1..]));
        var next = await HallApi.Body(await kioskAgain[0].Take(new { categoryCode = "general" }));
        Assert.True(int.Parse(next.GetProperty("number").GetString()![1..]) > highest);
        foreach (var kiosk in kioskAgain) kiosk.Dispose();
    }

    private static int KioskOf(string key) => int.Parse(key["kiosk".Length..key.IndexOf('-')]);
}
