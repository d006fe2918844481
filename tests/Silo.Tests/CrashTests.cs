using Queue.Tests.Support;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace Queue.Silo.Tests;

/// <summary>Power fails mid-day: every ticket the silo acknowledged must be there once after a restart.</summary>
public class CrashTests
{
    private sealed record Acked(string Key, string Id, string Number);

    [Fact]
    public async Task After_SIGKILL_under_load_every_acknowledged_ticket_is_back_exactly_once_and_numbering_continues()
    {
        var data = Directory.CreateTempSubdirectory("queue-crash-").FullName;
        var acked = new ConcurrentDictionary<string, Acked>();
        var unanswered = new ConcurrentBag<string>();
        var calledAcked = new ConcurrentDictionary<string, string>();   // number -> window
        int port;

        await using (var silo = new SiloProcess(data))
        {
            await silo.StartAsync("--RateLimits:taking:PermitLimit=1000000"); // six kiosks flat out, all from this one address
            port = silo.Port;
            using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            foreach (var w in new[] { 1, 2, 3, 4 }) (await http.PostAsJsonAsync($"/api/halls/xuanen/windows/{w}/open", new { clerkId = $"c{w}" })).EnsureSuccessStatusCode();
            using var stop = new CancellationTokenSource();
            var kiosks = Enumerable.Range(0, 6).Select(k => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var key = $"kiosk{k}-{Guid.NewGuid():N}";
                    try
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "/api/halls/xuanen/tickets") { Content = JsonContent.Create(new { categoryCode = "general" }) };
                        request.Headers.Add("Idempotency-Key", key);
                        var response = await http.SendAsync(request);
                        var body = await SiloApplication.Body(response);
                        acked[key] = new Acked(key, body.GetProperty("id").GetString()!, body.GetProperty("number").GetString()!);
                    }
                    catch (Exception) { unanswered.Add(key); return; }   // the silo died under this request
                }
            })).ToArray();
            var clerks = new[] { 1, 2, 3, 4 }.Select(w => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var response = await http.PostAsync($"/api/halls/xuanen/windows/{w}/call-next", null);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            calledAcked[(await SiloApplication.Body(response)).GetProperty("ticket").GetProperty("number").GetString()!] = w.ToString();
                            (await http.PostAsync($"/api/halls/xuanen/windows/{w}/complete", null)).EnsureSuccessStatusCode();
                        }
                        else await Task.Delay(5);
                    }
                    catch (Exception) { return; }
                }
            })).ToArray();

            await Task.Delay(TimeSpan.FromSeconds(2.5));
            silo.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(kiosks.Concat(clerks));
        }
        Assert.True(acked.Count > 100, $"only {acked.Count} tickets were acknowledged before the kill");
        Assert.Equal(acked.Count, acked.Values.Select(a => a.Number).Distinct().Count());

        await using var restarted = new SiloProcess(data, port);
        await restarted.StartAsync("--RateLimits:lookup:PermitLimit=1000000"); // every acknowledged ticket looked up at once
        using var again = new HttpClient { BaseAddress = restarted.BaseAddress };
        foreach (var a in acked.Values)
        {
            var t = await SiloApplication.Body(await again.GetAsync($"/api/halls/xuanen/tickets/{a.Id}"));
            Assert.Equal(a.Number, t.GetProperty("number").GetString());
            if (calledAcked.ContainsKey(a.Number)) Assert.NotEqual("waiting", t.GetProperty("status").GetString());
        }
        // A kiosk that never heard back retries with its key: it gets one ticket, never a second number.
        var numbers = acked.Values.Select(a => a.Number).ToHashSet();
        foreach (var key in unanswered.Concat(acked.Keys.Take(20)))
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/halls/xuanen/tickets") { Content = JsonContent.Create(new { categoryCode = "general" }) };
            request.Headers.Add("Idempotency-Key", key);
            var t = await SiloApplication.Body(await again.SendAsync(request));
            var number = t.GetProperty("number").GetString()!;
            if (acked.TryGetValue(key, out var before)) Assert.Equal(before.Id, t.GetProperty("id").GetString());
            else Assert.True(numbers.Add(number), $"{number} was issued twice");
        }
        var highest = acked.Values.Max(a => int.Parse(a.Number[1..]));
        var next = await SiloApplication.Body(await again.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/halls/xuanen/tickets")
        { Content = JsonContent.Create(new { categoryCode = "general" }), Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } } }));
        Assert.True(int.Parse(next.GetProperty("number").GetString()![1..]) > highest);
    }
}
