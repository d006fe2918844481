using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

public class WindowEndpointTests
{
    [Fact]
    public async Task A_clerk_opens_calls_starts_and_completes_and_the_hall_shows_it()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        var opened = await http.OpenWindow(5);
        Assert.Equal(("open", "c05"), (opened.GetProperty("window").GetProperty("state").GetString(), opened.GetProperty("window").GetProperty("clerkId").GetString()));

        var called = await http.ActOk(5, "call-next");
        Assert.Equal("A001", called.GetProperty("window").GetProperty("current").GetProperty("number").GetString());
        Assert.Equal("called", called.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal(5, called.GetProperty("ticket").GetProperty("windowNo").GetInt32());

        silo.Clock.Advance(TimeSpan.FromMinutes(1));
        await http.ActOk(5, "start");
        silo.Clock.Advance(TimeSpan.FromMinutes(6));
        var done = await http.ActOk(5, "complete");
        Assert.Equal(1, done.GetProperty("window").GetProperty("servedToday").GetInt32());
        Assert.Equal(360, done.GetProperty("window").GetProperty("meanServiceSeconds").GetInt32());

        var hall = await HallApi.Body(await http.GetAsync("/api/halls/xuanen"));
        var call = hall.GetProperty("recentCalls")[0];
        Assert.Equal("请 A001 号 到 5 号窗口 办理", call.GetProperty("announcement").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.Act(5, "call-next")).StatusCode);
    }

    [Fact]
    public async Task A_double_clicked_call_next_with_one_key_calls_one_ticket()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        var both = await Task.WhenAll(http.Act(1, "call-next", key: "click-9"), http.Act(1, "call-next", key: "click-9"));
        var numbers = await Task.WhenAll(both.Select(async r => (await HallApi.Body(r)).GetProperty("ticket").GetProperty("number").GetString()));
        Assert.Equal(new string?[] { "A001", "A001" }, numbers);
        var hall = await HallApi.Body(await http.GetAsync("/api/halls/xuanen"));
        Assert.Equal(1, hall.GetProperty("waitingTotal").GetInt32());
    }

    [Fact]
    public async Task Two_windows_calling_at_once_never_get_the_same_ticket()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        for (var i = 0; i < 30; i++) await http.TakeOk(new { categoryCode = "general" });
        for (var w = 1; w <= 6; w++) await http.OpenWindow(w);
        var called = new List<string>();
        for (var round = 0; round < 5; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(1, 6).Select(w => http.ActOk(w, "call-next")));
            called.AddRange(answers.Select(a => a.GetProperty("ticket").GetProperty("number").GetString()!));
            await Task.WhenAll(Enumerable.Range(1, 6).Select(w => http.ActOk(w, "complete")));
        }
        Assert.Equal(30, called.Count);
        Assert.Equal(30, called.Distinct().Count());
    }

    [Fact]
    public async Task A_bundle_goes_to_the_result_window_after_the_comprehensive_window_completes()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var t = await http.TakeOk(new { bundleId = "xsecs" });
        Assert.Equal(2, t.GetProperty("steps").GetInt32());
        await http.OpenWindow(1);
        await http.OpenWindow(19);
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "complete");
        var atResult = await http.ActOk(19, "call-next");
        Assert.Equal(("A001", "result", 2), (atResult.GetProperty("ticket").GetProperty("number").GetString(),
            atResult.GetProperty("ticket").GetProperty("categoryCode").GetString(), atResult.GetProperty("ticket").GetProperty("step").GetInt32()));
    }

    [Fact]
    public async Task Transfer_to_a_named_window_and_park_and_resume()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.OpenWindow(20);
        await http.ActOk(1, "call-next");
        var moved = await http.ActOk(1, "transfer", new { windowNo = 20, reason = "出件" });
        Assert.Equal("waiting", moved.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal("A001", (await http.ActOk(20, "call-next")).GetProperty("ticket").GetProperty("number").GetString());

        await http.ActOk(1, "call-next");
        await http.ActOk(1, "start");
        var parked = await http.ActOk(1, "park");
        Assert.Equal("A002", parked.GetProperty("window").GetProperty("parked")[0].GetProperty("number").GetString());
        var resumed = await http.ActOk(1, "resume-parked", new { number = "A002" });
        Assert.Equal("serving", resumed.GetProperty("ticket").GetProperty("status").GetString());
    }

    public static TheoryData<int, string, object?, HttpStatusCode, string> BadActions => new()
    {
        { 3, "call-next", null, HttpStatusCode.Conflict, "window-closed" },
        { 99, "call-next", null, HttpStatusCode.NotFound, "window-not-found" },
        { 1, "dance", null, HttpStatusCode.NotFound, "unknown-action" },
        { 2, "open", new { clerkId = new string('c', 65) }, HttpStatusCode.BadRequest, "clerk-id-too-long" },
        { 1, "close", null, HttpStatusCode.Conflict, "window-busy" },
        { 1, "call-next", null, HttpStatusCode.Conflict, "window-busy" },
        { 1, "no-show", null, HttpStatusCode.Conflict, "ticket-state" },
        { 1, "transfer", new { }, HttpStatusCode.BadRequest, "transfer-target" },
        { 1, "transfer", new { windowNo = 21 }, HttpStatusCode.Conflict, "window-closed" },
        { 1, "transfer", new { categoryCode = "nope" }, HttpStatusCode.NotFound, "category-not-found" },
        { 4, "complete", null, HttpStatusCode.Conflict, "no-current-ticket" },
        { 4, "complete-and-call-next", null, HttpStatusCode.Conflict, "no-current-ticket" },
        { 1, "reinstate", new { number = "A001" }, HttpStatusCode.Conflict, "ticket-state" },
        { 1, "reinstate", new { number = "A999" }, HttpStatusCode.NotFound, "ticket-not-found" },
        { 4, "resume-parked", null, HttpStatusCode.Conflict, "no-parked-ticket" },
        { 1, "open", new { clerkId = "someone-else" }, HttpStatusCode.Conflict, "window-taken" },
    };

    [Theory]
    [MemberData(nameof(BadActions))]
    public async Task A_forbidden_window_action_is_refused_and_changes_nothing(int window, string action, object? body, HttpStatusCode status, string code)
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.OpenWindow(4);
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "start");
        var before = await http.HallJson();
        await HallApi.AssertProblem(await http.Act(window, action, body), status, code);
        Assert.Equal(before, await http.HallJson());
    }

    [Fact]
    public async Task A_clerk_acts_only_at_the_window_they_opened_and_only_under_their_own_number()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        await admin.CreateUserOk("c01", "clerk", "xuanen");
        await admin.CreateUserOk("c02", "clerk", "xuanen");
        var c01 = silo.Client("c01");
        var c02 = silo.Client("c02");
        await admin.TakeOk(new { categoryCode = "general" });
        var opened = await c01.ActOk(1, "open");
        Assert.Equal("c01", opened.GetProperty("window").GetProperty("clerkId").GetString());   // the 工号 is the account's
        var before = await admin.HallJson();

        await HallApi.AssertProblem(await c02.Act(1, "call-next"), HttpStatusCode.Forbidden, "not-your-window");
        await HallApi.AssertProblem(await c02.Act(1, "close"), HttpStatusCode.Forbidden, "not-your-window");
        await HallApi.AssertProblem(await c02.Act(1, "open"), HttpStatusCode.Conflict, "window-taken");
        await HallApi.AssertProblem(await c02.Act(2, "open", new { clerkId = "c01" }), HttpStatusCode.Forbidden, "clerk-mismatch");

        Assert.Equal(before, await admin.HallJson());
        Assert.Equal("A001", (await c01.ActOk(1, "call-next")).TicketNumber());
    }

    [Fact]
    public async Task A_manager_opens_a_window_for_a_named_clerk_who_then_acts_there_and_opens_under_their_own_name_otherwise()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        await admin.CreateUserOk("m01", "manager", "xuanen");
        await admin.CreateUserOk("c07", "clerk", "xuanen");
        await admin.CreateUserOk("c08", "clerk", "xuanen");
        var manager = silo.Client("m01");
        await manager.TakeOk(new { categoryCode = "general" });

        Assert.Equal("c07", (await manager.ActOk(3, "open", new { clerkId = "c07" })).GetProperty("window").GetProperty("clerkId").GetString());
        Assert.Equal("m01", (await manager.ActOk(4, "open")).GetProperty("window").GetProperty("clerkId").GetString());
        await HallApi.AssertProblem(await silo.Client("c08").Act(3, "call-next"), HttpStatusCode.Forbidden, "not-your-window");
        Assert.Equal("A001", (await silo.Client("c07").ActOk(3, "call-next")).TicketNumber());
    }

    [Fact]
    public async Task A_non_numeric_window_or_malformed_body_is_a_clear_problem()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await HallApi.AssertProblem(await http.Act(0, "call-next", hall: "atlantis"), HttpStatusCode.NotFound, "hall-not-found");
        await HallApi.AssertProblem(await http.PostAsync("/api/halls/xuanen/windows/five/call-next", null), HttpStatusCode.NotFound, "window-not-found");
        var bad = new HttpRequestMessage(HttpMethod.Post, "/api/halls/xuanen/windows/1/open")
        { Content = new StringContent("[1,2", System.Text.Encoding.UTF8, "application/json") };
        await HallApi.AssertProblem(await http.SendAsync(bad), HttpStatusCode.BadRequest, "malformed-request");
    }
}
