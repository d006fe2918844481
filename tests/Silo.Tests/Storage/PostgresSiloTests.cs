using System.Text.Json;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Storage;

/// <summary>The real silo with <c>Storage:Postgres</c>: what a hall did is in PostgreSQL, not in the silo's folder.</summary>
public class PostgresSiloTests
{
    [PostgresFact]
    public async Task A_silo_on_PostgreSQL_killed_and_started_again_has_every_ticket_and_window_back_once()
    {
        var log = TestPostgres.NewDatabase();
        var tickets = new List<JsonElement>();
        string before;
        int port;
        await using (var first = new SiloProcess())
        {
            await first.StartAsync($"--Storage:Postgres={log}");
            port = first.Port;
            using var http = first.Client();
            for (var i = 0; i < 5; i++) tickets.Add(await http.TakeOk(new { categoryCode = "general" }, key: $"tap-{i}"));
            Assert.Equal(["A001", "A002", "A003", "A004", "A005"], tickets.Select(Number));
            await http.OpenWindow(2);
            Assert.Equal("A001", (await http.ActOk(2, "call-next")).TicketNumber());
            before = Durable(await http.HallOk());
            first.Kill();
        }

        // A new process with an empty folder: only PostgreSQL can give the hall back.
        await using var second = new SiloProcess(port: port);
        await second.StartAsync($"--Storage:Postgres={log}");
        using var again = second.Client();
        Assert.Equal(before, Durable(await again.HallOk()));
        foreach (var t in tickets)
        {
            var back = await again.GetOk($"/api/halls/xuanen/tickets/{t.GetProperty("id").GetString()}");
            Assert.Equal((Number(t), t.GetProperty("number").GetString() == "A001" ? "called" : "waiting"),
                (Number(back), back.GetProperty("status").GetString()));
        }
        // A kiosk's retry from before the restart gets its first answer, not a second ticket.
        Assert.Equal("A003", Number(await again.TakeOk(new { categoryCode = "general" }, key: "tap-2")));
        Assert.Equal("A006", Number(await again.TakeOk(new { categoryCode = "general" })));
        // The window still holds A001, called once: serving it goes on, and the next call is A002.
        Assert.Equal("A001", (await again.ActOk(2, "start")).TicketNumber());
        Assert.Equal("A001", (await again.ActOk(2, "complete")).TicketNumber());
        Assert.Equal("A002", (await again.ActOk(2, "call-next")).TicketNumber());
    }

    private static string Number(JsonElement ticket) => ticket.GetProperty("number").GetString()!;

    /// <summary>What the log decides about a hall, without what the clock adds (waits so far, open now).</summary>
    private static string Durable(JsonElement hall) => string.Join(" | ",
        hall.GetProperty("seq").GetInt64(), hall.GetProperty("waitingTotal").GetInt32(), hall.GetProperty("recentCalls").GetRawText(),
        string.Join(",", hall.GetProperty("windows").EnumerateArray().Select(w => $"{w.GetProperty("no")}:{w.GetProperty("state")}:{w.GetProperty("current")}")));
}

/// <summary>A test that needs the PostgreSQL server of <see cref="TestPostgres"/>: skipped without one, except under CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = TestPostgres.SkipReason;
}
