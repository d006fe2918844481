using System.Net;
using System.Text;
using System.Text.Json;
using Queue.Contracts;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Stats;

/// <summary>GET /api/halls/{hallId}/stats through real Kestrel, on the hall's own log.</summary>
public sealed class StatsEndpointTests
{
    private const string Day = "/api/halls/xuanen/stats?from=2026-11-23&to=2026-11-23";

    [Fact]
    public async Task Stats_agree_in_JSON_and_CSV_refuse_a_bad_by_and_a_finished_day_reads_the_same_after_a_restart()
    {
        string twoDays;
        var database = Path.Combine(Path.GetTempPath(), $"queue-test-{Guid.NewGuid():N}", "queue.db");
        await using (var silo = new SiloApplication(database, kestrel: true))
        {
            var manager = silo.Client();
            for (var i = 0; i < 3; i++) await manager.TakeOk(new { categoryCode = "general" });
            await manager.OpenWindow(1);
            foreach (var _ in Enumerable.Range(0, 2))
            {
                await manager.ActOk(1, "call-next");
                silo.Clock.Advance(TimeSpan.FromMinutes(4));
                await manager.ActOk(1, "complete");
            }

            var json = await manager.GetOk($"{Day}&by=window");
            var view = json.Deserialize<StatsView>(HallApi.Json)!;
            Assert.Equal((3, 2), (view.Totals.Issued, view.Totals.Served));
            var window = view.Rows.Single(r => r.Key == "1");
            Assert.Equal(("1号综合窗口", 2, 240), (window.Name, window.Served, window.Service.Max));

            var csvResponse = await manager.GetAsync($"{Day}&by=window&format=csv");
            Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
            var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n".ToCharArray(), StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
            Assert.Equal("办结数", lines[0][3]);
            Assert.Equal(view.Rows.Count + 2, lines.Count);
            foreach (var (row, line) in view.Rows.Append(view.Totals).Zip(lines.Skip(1)))
                Assert.Equal([row.Key, row.Name, $"{row.Issued}", $"{row.Served}", $"{row.Wait.P50}", $"{row.Service.Max}"],
                    new[] { line[0], line[1], line[2], line[3], line[6], line[11] });

            var refused = await HallApi.AssertProblem(await manager.GetAsync($"{Day}&by=desk"), HttpStatusCode.BadRequest, "stats-by-invalid");
            Assert.Contains("category", refused.GetProperty("en").GetString());
            Assert.Contains("统计维度", refused.GetProperty("zh").GetString());
            await HallApi.AssertProblem(await manager.GetAsync("/api/halls/xuanen/stats?from=2026-11-24&to=2026-11-23"), HttpStatusCode.BadRequest, "stats-range-invalid");

            // The next day begins with its first command; the 23rd is then a finished day, kept as a record.
            silo.Clock.Advance(TimeSpan.FromDays(1));
            var tomorrow = silo.Client();   // yesterday's session has ended
            await tomorrow.TakeOk(new { categoryCode = "general" });
            twoDays = await (await tomorrow.GetAsync("/api/halls/xuanen/stats?from=2026-11-23&to=2026-11-24&by=clerk")).Content.ReadAsStringAsync();
            Assert.Equal([3, 1], JsonDocument.Parse(twoDays).RootElement.GetProperty("days").EnumerateArray()
                .Select(d => d.GetProperty("totals").GetProperty("issued").GetInt32()));
        }
        await using (var restarted = new SiloApplication(database, kestrel: true))
            Assert.Equal(twoDays, await (await restarted.Client().GetAsync("/api/halls/xuanen/stats?from=2026-11-23&to=2026-11-24&by=clerk")).Content.ReadAsStringAsync());
    }
}
