using Queue.Tests.Support;

namespace Queue.Silo.Tests;

public class RestartTests
{
    [Fact]
    public async Task After_a_restart_every_ticket_and_window_is_back_and_numbering_continues()
    {
        string db;
        string before;
        // 401 tickets in seconds, as no kiosk takes them: above the limit per address.
        await using (var first = new SiloApplication(settings: new Dictionary<string, string> { ["RateLimits:taking:PermitLimit"] = "1000" }))
        {
            db = first.DatabasePath;
            var http = first.Client();
            for (var i = 0; i < 5; i++) await http.TakeOk(new { categoryCode = "general" });
            await http.OpenWindow(2);
            await http.ActOk(2, "call-next");
            await http.ActOk(2, "start");
            before = await http.HallJson();
        }
        await using var second = new SiloApplication(db);
        var again = second.Client();
        Assert.Equal(before, await again.HallJson());
        Assert.Equal("A006", (await again.TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString());
        Assert.Equal("A001", (await again.ActOk(2, "complete")).GetProperty("ticket").GetProperty("number").GetString());
    }
}

public class SnapshotRestartTests
{
    [Fact]
    public async Task A_busy_hall_restarts_from_its_snapshot_with_nothing_lost()
    {
        string db;
        string before;
        // 401 tickets in seconds, as no kiosk takes them: above the limit per address.
        await using (var first = new SiloApplication(settings: new Dictionary<string, string> { ["RateLimits:taking:PermitLimit"] = "1000" }))
        {
            db = first.DatabasePath;
            var http = first.Client();
            await http.OpenWindow(1);
            for (var i = 0; i < 400; i++)                       // 400 × (issue, call, complete) > 1000 events: a snapshot is taken
            {
                await http.TakeOk(new { categoryCode = "general" });
                await http.ActOk(1, "call-next");
                await http.ActOk(1, "complete");
            }
            await http.TakeOk(new { categoryCode = "general" });
            before = await http.HallJson();
        }
        await using (var check = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db}"))
        {
            await check.OpenAsync();
            using var q = check.CreateCommand();
            q.CommandText = "SELECT seq FROM hall_snapshot WHERE hall_id = 'xuanen'";
            Assert.True(Convert.ToInt64(await q.ExecuteScalarAsync()) >= 1000);
        }
        await using var second = new SiloApplication(db);
        var again = second.Client();
        Assert.Equal(before, await again.HallJson());
        Assert.Equal("A402", (await again.TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString());
    }
}
