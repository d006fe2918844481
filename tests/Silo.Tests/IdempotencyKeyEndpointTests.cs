using Queue.Tests.Support;
using System.Net;
using System.Text.Json;

namespace Queue.Silo.Tests;

/// <summary>An Idempotency-Key names one request: reused for anything else it is refused with 422 and nothing changes;
/// repeated, it gets the request's first answer, a refusal included.</summary>
public class IdempotencyKeyEndpointTests
{
    [Fact]
    public async Task Call_next_with_the_key_of_a_taken_ticket_answers_422_and_calls_nobody()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(1);
        Assert.Equal(HttpStatusCode.Created, (await http.Take(new { categoryCode = "general" }, key: "k1")).StatusCode);
        var before = await http.HallJson();

        await HallApi.AssertProblem(await http.Act(1, "call-next", key: "k1"), HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");

        Assert.Equal(before, await http.HallJson());
        var called = await http.ActOk(1, "call-next");
        Assert.Equal("A001", called.GetProperty("ticket").GetProperty("number").GetString());
    }

    [Fact]
    public async Task Opening_a_window_with_the_key_of_a_taken_ticket_answers_422_not_500()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.Take(new { categoryCode = "general" }, key: "k1");
        var before = await http.HallJson();

        await HallApi.AssertProblem(await http.Act(1, "open", new { clerkId = "c01" }, key: "k1"),
            HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");

        Assert.Equal(before, await http.HallJson());
    }

    [Fact]
    public async Task The_same_key_with_another_body_answers_422_and_issues_no_second_ticket()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var first = await HallApi.Body(await http.Take(new { categoryCode = "general" }, key: "tap-42"));
        var before = await http.HallJson();

        var other = await http.Take(new { categoryCode = "tax" }, key: "tap-42");

        var problem = await HallApi.AssertProblem(other, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Contains("IssueTicket", problem.GetProperty("en").GetString());
        Assert.Equal(before, await http.HallJson());
        var retry = await HallApi.Body(await http.Take(new { categoryCode = "general" }, key: "tap-42"));
        Assert.Equal(first.GetProperty("id").GetString(), retry.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Completing_with_the_key_of_a_call_answers_422_and_the_ticket_stays_called()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var taken = await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        var called = await HallApi.Body(await http.Act(1, "call-next", key: "click-1"));
        var again = await HallApi.Body(await http.Act(1, "call-next", key: "click-1"));
        Assert.Equal(("A001", "A001"), (called.TicketNumber(), again.TicketNumber()));
        var before = await http.HallJson();

        await HallApi.AssertProblem(await http.Act(1, "complete", key: "click-1"), HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");

        Assert.Equal(before, await http.HallJson());
        var ticket = await HallApi.Body(await http.GetAsync($"/api/halls/xuanen/tickets/{taken.GetProperty("id").GetString()}"));
        Assert.Equal("called", ticket.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_call_next_refused_as_busy_and_sent_again_later_calls_nobody_though_the_window_is_free_by_then()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(1);
        await http.TakeOk(new { categoryCode = "general" });
        await http.ActOk(1, "call-next");
        await http.TakeOk(new { categoryCode = "general" });
        await HallApi.AssertProblem(await http.Act(1, "call-next", key: "press-7"), HttpStatusCode.Conflict, "window-busy");
        await http.ActOk(1, "complete");

        // The same press arriving again (a copy that waited in a stalled silo, a retry that crossed its answer).
        await HallApi.AssertProblem(await http.Act(1, "call-next", key: "press-7"), HttpStatusCode.Conflict, "window-busy");

        var hall = await http.HallOk();
        var window = hall.GetProperty("windows").EnumerateArray().Single(w => w.GetProperty("no").GetInt32() == 1);
        Assert.Equal((JsonValueKind.Null, 1), (window.GetProperty("current").ValueKind, hall.GetProperty("waitingTotal").GetInt32()));
        Assert.Equal("A002", (await http.ActOk(1, "call-next")).TicketNumber());
    }

    [Fact]
    public async Task After_a_refusal_another_request_under_its_key_is_decided_as_new()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(1);
        await http.TakeOk(new { categoryCode = "general" });
        await http.ActOk(1, "call-next");
        await HallApi.AssertProblem(await http.Act(1, "call-next", key: "k9"), HttpStatusCode.Conflict, "window-busy");

        var completed = await HallApi.Body(await http.Act(1, "complete", key: "k9"));

        Assert.Equal("A001", completed.TicketNumber());
    }
}
