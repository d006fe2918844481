using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Queue.Hall.Events;
using Queue.Silo.Storage;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Storage;

/// <summary>The event log on a real 3 MB filesystem that fills up: commands wait it out with 503, reads and the host carry on.</summary>
public class DiskFullTests
{
    [RootFact]
    public async Task A_full_disk_refuses_commands_keeps_reads_and_recovers_by_itself_with_nothing_acknowledged_lost()
    {
        using var disk = new SmallDisk(3);
        var path = Path.Combine(disk.Folder, "queue.db");
        var acked = new List<(string Id, string Number)>();
        await using (var silo = new SiloApplication(path))
        {
            var http = silo.Client();
            await http.OpenWindow(1);
            for (var i = 0; i < 3; i++)
            {
                var t = await http.TakeOk(new { categoryCode = "general" });
                acked.Add((t.GetProperty("id").GetString()!, t.GetProperty("number").GetString()!));
            }
            var hallBefore = await http.HallJson();

            disk.Fill();
            var refused = await HallApi.AssertProblem(await http.Take(new { categoryCode = "general" }, key: "tap-during-full"),
                HttpStatusCode.ServiceUnavailable, "storage-unavailable");
            Assert.Contains("不会丢失", refused.GetProperty("zh").GetString());
            await HallApi.AssertProblem(await http.Act(1, "call-next"), HttpStatusCode.ServiceUnavailable, "storage-unavailable");

            Assert.Equal(hallBefore, await http.HallJson());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/halls")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/halls/xuanen/tickets/{acked[0].Id}")).StatusCode);
            var failing = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
            var health = await HallApi.Body(failing);
            Assert.Equal("store-failing", health.GetProperty("status").GetString());
            Assert.True(health.GetProperty("halls").GetInt32() > 0);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", health.GetProperty("zh").GetString());
            Assert.Contains("disk full", health.GetProperty("en").GetString());

            disk.Free();
            // Health sees the room come back by itself, before any command does.
            var healthy = await http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
            Assert.Equal("ok", (await HallApi.Body(healthy)).GetProperty("status").GetString());

            // The refused tap never happened: its retry takes the next number, and the window calls the first ticket.
            var retried = await http.Take(new { categoryCode = "general" }, key: "tap-during-full");
            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
            var fourth = await HallApi.Body(retried);
            acked.Add((fourth.GetProperty("id").GetString()!, fourth.GetProperty("number").GetString()!));
            Assert.Equal("A004", acked[3].Number);
            var called = await http.ActOk(1, "call-next");
            Assert.Equal(acked[0].Number, called.TicketNumber());
        }

        // After a restart on the same file every acknowledged ticket is there, once.
        await using var restarted = new SiloApplication(path);
        var again = restarted.Client();
        foreach (var (id, number) in acked)
        {
            var t = await HallApi.Body(await again.GetAsync($"/api/halls/xuanen/tickets/{id}"));
            Assert.Equal(number, t.GetProperty("number").GetString());
        }
        Assert.Equal(["A001", "A002", "A003", "A004"], acked.Select(a => a.Number));
        Assert.Equal("A005", (await again.TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString());
    }

    [RootFact]
    public async Task A_full_disk_at_the_halls_midnight_stops_nothing_and_the_new_day_starts_once_space_returns()
    {
        using var disk = new SmallDisk(3);
        await using var silo = new SiloApplication(Path.Combine(disk.Folder, "queue.db"));
        // A kiosk's token outlives a day, unlike a person's session.
        var http = silo.DeviceClient((await silo.Client().PairOk("kiosk", "k1")).Token);
        var yesterday = await http.TakeOk(new { categoryCode = "general" });
        var store = silo.Services.GetRequiredService<IEventStore>();

        disk.Fill();
        silo.Clock.Advance(TimeSpan.FromDays(1));
        // The hall's own tick tries to start the day and cannot write it.
        await silo.WhileTimePasses(Wait.Until(() => store.Failure is not null, TimeSpan.FromSeconds(30), "the tick's DayStarted to fail"));

        Assert.False(silo.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/halls/xuanen")).StatusCode);
        await HallApi.AssertProblem(await http.Take(new { categoryCode = "general" }), HttpStatusCode.ServiceUnavailable, "storage-unavailable");

        disk.Free();
        var today = await http.TakeOk(new { categoryCode = "general" });
        Assert.Equal("A001", today.GetProperty("number").GetString());
        Assert.NotEqual(yesterday.GetProperty("id").GetString(), today.GetProperty("id").GetString());
        Assert.Null(store.Failure);
        Assert.False(silo.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }
}
