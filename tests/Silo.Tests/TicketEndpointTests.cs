using System.Net;
using System.Net.Http.Json;
using System.Text;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

public class TicketEndpointTests
{
    [Fact]
    public async Task Taking_a_number_answers_201_with_number_wait_and_an_unguessable_status_link()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(1);
        await http.TakeOk(new { categoryCode = "general" });
        var response = await http.Take(new { matterIds = new[] { "qykb", "sbksl" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var t = await HallApi.Body(response);
        Assert.Equal("A002", t.GetProperty("number").GetString());
        Assert.Equal("waiting", t.GetProperty("status").GetString());
        Assert.Equal(1, t.GetProperty("peopleAhead").GetInt32());
        Assert.Equal(10, t.GetProperty("estimatedWaitMinutes").GetInt32());   // 1 ahead × 10 min default / 1 open window
        Assert.Equal(["企业开办", "社保卡申领"], t.GetProperty("matters").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        var id = t.GetProperty("id").GetString()!;
        Assert.Equal(26, id.Length);
        Assert.DoesNotContain("A002", id);
        Assert.Equal($"/ticket/xuanen/{id}", t.GetProperty("statusUrl").GetString());
        Assert.Equal($"/api/halls/xuanen/tickets/{id}", response.Headers.Location?.OriginalString);
        var fetched = await HallApi.Body(await http.GetAsync(response.Headers.Location));
        Assert.Equal("A002", fetched.GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_kiosk_retrying_with_the_same_key_gets_the_same_ticket_not_a_second_one()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var first = await HallApi.Body(await http.Take(new { bundleId = "shyjs" }, key: "tap-42"));
        var again = await http.Take(new { bundleId = "shyjs" }, key: "tap-42");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(first.GetProperty("id").GetString(), (await HallApi.Body(again)).GetProperty("id").GetString());
        var next = await http.TakeOk(new { bundleId = "shyjs" });
        Assert.Equal("A002", next.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Green_channel_tickets_say_so_and_are_called_first()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        var green = await http.TakeOk(new { categoryCode = "general", priority = "green", greenReason = "elderly" });
        Assert.Equal(("green", "elderly", 0), (green.GetProperty("priority").GetString(), green.GetProperty("greenReason").GetString(), green.GetProperty("peopleAhead").GetInt32()));
        await http.OpenWindow(5);
        var called = await http.ActOk(5, "call-next");
        Assert.Equal("A002", called.GetProperty("ticket").GetProperty("number").GetString());
    }

    public static TheoryData<string, object, HttpStatusCode, string> BadTickets => new()
    {
        { "xuanen", new { categoryCode = "nope" }, HttpStatusCode.NotFound, "category-not-found" },
        { "xuanen", new { matterIds = new[] { "qykb", "nope" } }, HttpStatusCode.NotFound, "matter-not-found" },
        { "xuanen", new { bundleId = "nope" }, HttpStatusCode.NotFound, "bundle-not-found" },
        { "xuanen", new { appointmentCode = "NOPE1234" }, HttpStatusCode.NotFound, "appointment-not-found" },
        { "xuanen", new { categoryCode = "general", bundleId = "shyjs" }, HttpStatusCode.BadRequest, "choose-one" },
        { "xuanen", new { }, HttpStatusCode.BadRequest, "choose-one" },
        { "xuanen", new { matterIds = Array.Empty<string>() }, HttpStatusCode.BadRequest, "matters-count" },
        { "xuanen", new { categoryCode = "general", greenReason = "vip" }, HttpStatusCode.BadRequest, "green-reason-invalid" },
        { "xuanen", new { categoryCode = "general", priority = "appointment" }, HttpStatusCode.BadRequest, "priority-invalid" },
        { "atlantis", new { categoryCode = "general" }, HttpStatusCode.NotFound, "hall-not-found" },
        { "xuanen", new { categoryCode = "general", priority = 7 }, HttpStatusCode.BadRequest, "malformed-request" },
        { "xuanen", new { categoryCode = "general", priority = "vip" }, HttpStatusCode.BadRequest, "malformed-request" },
        { "xuanen", new { matterIds = new[] { "qykb", null } }, HttpStatusCode.NotFound, "matter-not-found" },
    };

    [Theory]
    [MemberData(nameof(BadTickets))]
    public async Task A_bad_ticket_request_is_refused_clearly_and_issues_nothing(string hall, object body, HttpStatusCode status, string code)
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var before = await http.HallJson();
        await HallApi.AssertProblem(await http.Take(body, hall), status, code);
        Assert.Equal(before, await http.HallJson());
    }

    [Fact]
    public async Task Malformed_json_missing_key_and_oversized_bodies_get_problems_not_500s()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var before = await http.HallJson();

        var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/halls/xuanen/tickets") { Content = new StringContent("{\"categoryCode\":", Encoding.UTF8, "application/json") };
        malformed.Headers.Add("Idempotency-Key", "k1");
        await HallApi.AssertProblem(await http.SendAsync(malformed), HttpStatusCode.BadRequest, "malformed-request");

        var wrongType = new HttpRequestMessage(HttpMethod.Post, "/api/halls/xuanen/tickets") { Content = new StringContent("{\"matterIds\":\"qykb\"}", Encoding.UTF8, "application/json") };
        wrongType.Headers.Add("Idempotency-Key", "k2");
        await HallApi.AssertProblem(await http.SendAsync(wrongType), HttpStatusCode.BadRequest, "malformed-request");

        var noKey = await http.PostAsJsonAsync("/api/halls/xuanen/tickets", new { categoryCode = "general" });
        await HallApi.AssertProblem(noKey, HttpStatusCode.BadRequest, "idempotency-key-required");

        var huge = new HttpRequestMessage(HttpMethod.Post, "/api/halls/xuanen/tickets")
        { Content = new StringContent($"{{\"categoryCode\":\"general\",\"kioskId\":\"{new string('x', 200_000)}\"}}", Encoding.UTF8, "application/json") };
        huge.Headers.Add("Idempotency-Key", "k3");
        await HallApi.AssertProblem(await http.SendAsync(huge), HttpStatusCode.RequestEntityTooLarge, "body-too-large");

        await HallApi.AssertProblem(await http.GetAsync("/api/halls/xuanen/tickets/not-a-ticket"), HttpStatusCode.NotFound, "ticket-not-found");
        await HallApi.AssertProblem(await http.GetAsync("/api/nowhere"), HttpStatusCode.NotFound, "not-found");
        Assert.Equal(before, await http.HallJson());
    }

    [Fact]
    public async Task Outside_opening_hours_the_kiosk_is_told_the_hall_is_closed()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        silo.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero));    // 21:00 in Shanghai
        var problem = await HallApi.AssertProblem(await http.Take(new { categoryCode = "general" }), HttpStatusCode.Conflict, "hall-closed");
        Assert.Contains("08:30", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_resident_can_cancel_and_a_no_show_can_be_reinstated_once()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var a = await http.TakeOk(new { categoryCode = "general" });
        var b = await http.TakeOk(new { categoryCode = "general" });
        var cancelled = await HallApi.Body(await http.PostAsync($"/api/halls/xuanen/tickets/{b.GetProperty("id")}/cancel", null));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        await HallApi.AssertProblem(await http.PostAsync($"/api/halls/xuanen/tickets/{b.GetProperty("id")}/cancel", null), HttpStatusCode.Conflict, "ticket-state");

        await http.OpenWindow(1);
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "no-show");
        var reinstated = await HallApi.Body(await http.PostAsync($"/api/halls/xuanen/tickets/{a.GetProperty("id")}/reinstate", null));
        Assert.Equal("waiting", reinstated.GetProperty("status").GetString());
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "no-show");
        await HallApi.AssertProblem(await http.PostAsync($"/api/halls/xuanen/tickets/{a.GetProperty("id")}/reinstate", null), HttpStatusCode.Conflict, "reinstate-used");
    }

    [Fact]
    public async Task Nobody_cancels_or_reinstates_a_ticket_by_the_number_on_the_tv()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "no-show");
        var before = await http.HallJson();

        var stranger = silo.AnonymousClient();
        await HallApi.AssertProblem(await stranger.PostAsync("/api/halls/xuanen/tickets/A002/cancel", null), HttpStatusCode.NotFound, "ticket-not-found");
        await HallApi.AssertProblem(await stranger.PostAsync("/api/halls/xuanen/tickets/a001/reinstate", null), HttpStatusCode.NotFound, "ticket-not-found");
        await HallApi.AssertProblem(await stranger.GetAsync("/api/halls/xuanen/tickets/A002"), HttpStatusCode.NotFound, "ticket-not-found");
        Assert.Equal(before, await http.HallJson());
    }

    [Fact]
    public async Task A_help_call_from_a_kiosk_shows_up_in_the_managers_alerts()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var kiosk = silo.DeviceClient((await http.PairOk("kiosk", "k2")).Token);
        Assert.Equal(HttpStatusCode.Accepted, (await kiosk.PostAsync("/api/halls/xuanen/help", null)).StatusCode);
        var alerts = await HallApi.Body(await http.GetAsync("/api/halls/xuanen/manage/alerts"));
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal("help", alert.GetProperty("kind").GetString());
        Assert.Contains("k2", alert.GetProperty("message").GetString());
    }
}
