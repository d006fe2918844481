using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>Issue #12 "Queue behaviour", as a resident, a clerk and a manager meet it through the API (seed hall xuanen).</summary>
public class QueueBehaviourTests
{
    [Fact]
    public async Task A_bundle_ticket_lists_its_route_and_keeps_its_own_number_apart_from_the_step_prefix()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(2);
        var t = await http.TakeOk(new { bundleId = "xsecs" });   // 新生儿出生一件事: 综合受理 then 出件

        var route = t.GetProperty("route").EnumerateArray()
            .Select(s => (s.GetProperty("categoryCode").GetString(), s.GetProperty("categoryName").GetString(), s.GetProperty("windowKind").GetString()));
        Assert.Equal([("general", "综合受理", "comprehensive"), ("result", "出件", "result")], route);
        Assert.Equal(("A001", "A", "A", 1, 2), (t.GetProperty("number").GetString(), t.GetProperty("numberPrefix").GetString(),
            t.GetProperty("prefix").GetString(), t.GetProperty("step").GetInt32(), t.GetProperty("steps").GetInt32()));
        Assert.False(t.GetProperty("beyondClosing").GetBoolean());

        await http.ActOk(2, "call-next");
        await http.ActOk(2, "complete");
        var second = await HallApi.Body(await http.Ticket(t.GetProperty("id").GetString()!));
        // The ticket's number stays A001 at its second step; the step's category is 出件 (prefix R).
        Assert.Equal(("A001", "A", "R", "result", 2), (second.GetProperty("number").GetString(), second.GetProperty("numberPrefix").GetString(),
            second.GetProperty("prefix").GetString(), second.GetProperty("categoryCode").GetString(), second.GetProperty("step").GetInt32()));
    }

    [Fact]
    public async Task Complete_and_call_next_finishes_the_current_ticket_and_calls_the_next_or_answers_no_ticket()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.ActOk(1, "call-next");

        var next = await HallApi.Body(await http.Act(1, "complete-and-call-next", key: "click-1"));
        Assert.Equal(("A002", "called"), (next.TicketNumber(), next.GetProperty("ticket").GetProperty("status").GetString()));
        // A double click with the same key neither completes A002 nor calls anyone else.
        var again = await HallApi.Body(await http.Act(1, "complete-and-call-next", key: "click-1"));
        Assert.Equal("A002", again.TicketNumber());
        Assert.Equal(1, again.GetProperty("window").GetProperty("servedToday").GetInt32());

        var last = await http.Act(1, "complete-and-call-next", key: "click-2");
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        var done = await HallApi.Body(last);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("ticket").ValueKind);
        Assert.Equal(2, done.GetProperty("window").GetProperty("servedToday").GetInt32());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("window").GetProperty("current").ValueKind);
    }

    [Fact]
    public async Task Complete_is_accepted_on_a_ticket_called_but_not_yet_started()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var t = await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "complete");
        var done = await HallApi.Body(await http.Ticket(t.GetProperty("id").GetString()!));
        Assert.Equal("completed", done.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_clerk_reinstates_a_no_show_by_number_near_the_head_of_its_queue_once()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "no-show");

        await HallApi.AssertProblem(await http.Act(1, "reinstate", new { }), HttpStatusCode.BadRequest, "number-required");
        var back = await http.ActOk(1, "reinstate", new { number = "a001" });
        Assert.Equal(("A001", "waiting", 0), (back.TicketNumber(), back.GetProperty("ticket").GetProperty("status").GetString(),
            back.GetProperty("ticket").GetProperty("peopleAhead").GetInt32()));
        Assert.False(back.GetProperty("ticket").TryGetProperty("id", out _));   // staff never learn the secret id
        Assert.Equal("A001", (await http.ActOk(1, "call-next")).TicketNumber());
        await http.ActOk(1, "no-show");
        await HallApi.AssertProblem(await http.Act(1, "reinstate", new { number = "A001" }), HttpStatusCode.Conflict, "reinstate-used");
        await HallApi.AssertProblem(await http.Act(1, "reinstate", new { number = "A002" }), HttpStatusCode.Conflict, "ticket-state");
    }

    [Fact]
    public async Task A_manager_force_closes_a_window_with_a_reason_and_its_called_ticket_leads_the_queue_again()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.OpenWindow(2);
        await http.ActOk(1, "call-next");

        const string path = "/api/halls/xuanen/manage/windows/1/force-close";
        await HallApi.AssertProblem(await http.Post(path, new { reason = " " }, "fc-0"), HttpStatusCode.BadRequest, "reason-required");
        var closed = await http.PostOk(path, new { reason = "工作人员身体不适" }, "fc-1");
        Assert.Equal("closed", closed.GetProperty("window").GetProperty("state").GetString());
        Assert.Equal(("A001", "waiting", 0), (closed.TicketNumber(), closed.GetProperty("ticket").GetProperty("status").GetString(),
            closed.GetProperty("ticket").GetProperty("peopleAhead").GetInt32()));
        Assert.Equal("A001", (await http.ActOk(2, "call-next")).TicketNumber());
        var audit = await http.AuditOk("?limit=5");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("why").GetString() == "工作人员身体不适");
    }

    [Fact]
    public async Task Categories_and_the_hall_list_carry_the_daily_limit_fields_and_count_paused_windows_apart()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(1);
        await http.OpenWindow(2);
        await http.ActOk(2, "pause");

        var general = (await http.HallOk()).GetProperty("categories").EnumerateArray().First(c => c.GetProperty("code").GetString() == "general");
        Assert.Equal(JsonValueKind.Null, general.GetProperty("dailyLimit").ValueKind);
        Assert.Equal(JsonValueKind.Null, general.GetProperty("leftToday").ValueKind);
        Assert.False(general.GetProperty("beyondClosing").GetBoolean());
        Assert.Equal((1, 1), (general.GetProperty("openWindows").GetInt32(), general.GetProperty("pausedWindows").GetInt32()));

        var xuanen = (await http.HallsOk()).EnumerateArray().First(h => h.GetProperty("id").GetString() == "xuanen");
        Assert.Equal((1, 1), (xuanen.GetProperty("openWindows").GetInt32(), xuanen.GetProperty("pausedWindows").GetInt32()));
    }

    [Fact]
    public async Task A_bundle_sent_on_to_the_result_window_is_finished_there_and_not_called_again_for_its_second_step()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(2);
        await http.OpenWindow(19);
        var t = await http.TakeOk(new { bundleId = "xsecs" });   // 新生儿出生一件事: 综合受理 then 出件
        var id = t.GetProperty("id").GetString()!;
        Assert.Equal("A001", (await http.ActOk(2, "call-next")).TicketNumber());

        var sent = await http.ActOk(2, "transfer", new { windowNo = 19, reason = "材料齐全，直接出件" });
        Assert.Equal(("result", 2), (sent.GetProperty("ticket").GetProperty("categoryCode").GetString(), sent.GetProperty("ticket").GetProperty("step").GetInt32()));
        Assert.Equal("A001", (await http.ActOk(19, "call-next")).TicketNumber());
        await http.ActOk(19, "complete");

        Assert.Equal("completed", (await HallApi.Body(await http.Ticket(id))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.Act(19, "call-next")).StatusCode);
    }

    [Fact]
    public async Task A_bundle_transferred_to_the_next_steps_category_is_done_with_the_step_it_left()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(2);
        await http.OpenWindow(19);
        var t = await http.TakeOk(new { bundleId = "xsecs" });
        await http.ActOk(2, "call-next");
        await http.ActOk(2, "transfer", new { categoryCode = "result" });
        Assert.Equal("A001", (await http.ActOk(19, "call-next")).TicketNumber());
        await http.ActOk(19, "complete");
        Assert.Equal("completed", (await HallApi.Body(await http.Ticket(t.GetProperty("id").GetString()!))).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.Act(19, "call-next")).StatusCode);
    }

    [Fact]
    public async Task At_the_halls_midnight_a_resident_at_a_window_is_finished_normally_and_only_the_waiting_expire()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var parked = await http.TakeOk(new { categoryCode = "general" });
        var served = await http.TakeOk(new { categoryCode = "general" });
        var waiting = await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);
        await http.OpenWindow(2);
        await http.ActOk(2, "call-next");
        await http.ActOk(2, "start");
        await http.ActOk(2, "park");
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "start");

        silo.Clock.Advance(TimeSpan.FromHours(14) + TimeSpan.FromMinutes(1));   // 00:01 the next day in Shanghai
        var phone = silo.AnonymousClient();
        var atWindow = await HallApi.Body(await phone.Ticket(served.GetProperty("id").GetString()!));
        Assert.Equal(("A002", "serving", 1), (atWindow.GetProperty("number").GetString(), atWindow.GetProperty("status").GetString(),
            atWindow.GetProperty("windowNo").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await phone.Ticket(waiting.GetProperty("id").GetString()!)).StatusCode);

        http = silo.Client();   // yesterday's session has run out
        var done = await http.ActOk(1, "complete");
        Assert.Equal("completed", done.GetProperty("ticket").GetProperty("status").GetString());
        Assert.Equal("completed", (await HallApi.Body(await phone.Ticket(served.GetProperty("id").GetString()!))).GetProperty("status").GetString());
        Assert.Equal("A001", (await http.ActOk(2, "resume-parked")).TicketNumber());
        await http.ActOk(2, "complete");
        Assert.Equal("completed", (await HallApi.Body(await phone.Ticket(parked.GetProperty("id").GetString()!))).GetProperty("status").GetString());
        Assert.Equal(0, (await http.HallOk()).GetProperty("waitingTotal").GetInt32());
    }

    [Fact]
    public async Task In_a_halls_lunch_break_taking_a_number_names_the_午休_and_when_service_resumes()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        silo.Clock.Advance(TimeSpan.FromMinutes(130));   // 12:10 in 沙道沟, closed 12:00–13:30
        var problem = await HallApi.AssertProblem(await http.Take(new { categoryCode = "general" }, "shadaogou"), HttpStatusCode.Conflict, "hall-closed");
        Assert.Equal("现在是午休时间（12:00–13:30），13:30 起办理", problem.GetProperty("title").GetString());
        Assert.Contains("lunch", problem.GetProperty("detail").GetString());
        silo.Clock.Advance(TimeSpan.FromMinutes(80));    // 13:30
        await http.TakeOk(new { categoryCode = "general" }, "shadaogou");
    }

    [Fact]
    public async Task A_category_with_a_daily_limit_counts_down_and_then_says_今日号已取完()
    {
        var seeds = SeedsWith("xuanen", hall => hall["categories"]!.AsArray().First(c => (string?)c!["code"] == "tax")!["dailyLimit"] = 2);
        try
        {
            await using var silo = new SiloApplication(settings: new Dictionary<string, string> { ["Halls:Seeds"] = seeds });
            var http = silo.Client();
            async Task<JsonElement> Tax() => (await http.HallOk()).GetProperty("categories").EnumerateArray().First(c => c.GetProperty("code").GetString() == "tax");
            Assert.Equal((2, 2), ((await Tax()).GetProperty("dailyLimit").GetInt32(), (await Tax()).GetProperty("leftToday").GetInt32()));

            await http.TakeOk(new { categoryCode = "tax" });
            await http.TakeOk(new { matterIds = new[] { "fpdk" } });
            Assert.Equal(0, (await Tax()).GetProperty("leftToday").GetInt32());
            var problem = await HallApi.AssertProblem(await http.Take(new { categoryCode = "tax" }), HttpStatusCode.Conflict, "sold-out-today");
            Assert.Equal("今日号已取完", problem.GetProperty("title").GetString());
            Assert.Equal(2, await http.Waiting("tax"));
            await http.TakeOk(new { categoryCode = "general" });   // other categories still give numbers

            silo.Clock.Advance(TimeSpan.FromDays(1));                 // Tuesday: a new day, new numbers
            http = silo.Client();
            Assert.Equal(2, (await Tax()).GetProperty("leftToday").GetInt32());
            await http.TakeOk(new { categoryCode = "tax" });
        }
        finally { Directory.Delete(seeds, recursive: true); }
    }

    [Fact]
    public async Task A_wait_running_past_closing_says_so_instead_of_counting_minutes_past_it()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.OpenWindow(1);
        silo.Clock.Advance(TimeSpan.FromHours(7));   // 17:00, the hall closes at 17:30; 10 minutes a resident, one window
        var tickets = new List<JsonElement>();
        for (var i = 0; i < 5; i++) tickets.Add(await http.TakeOk(new { categoryCode = "general" }));

        Assert.Equal((30, false), (tickets[3].GetProperty("estimatedWaitMinutes").GetInt32(), tickets[3].GetProperty("beyondClosing").GetBoolean()));
        Assert.Equal((30, true), (tickets[4].GetProperty("estimatedWaitMinutes").GetInt32(), tickets[4].GetProperty("beyondClosing").GetBoolean()));
        var general = (await http.HallOk()).GetProperty("categories").EnumerateArray().First(c => c.GetProperty("code").GetString() == "general");
        Assert.Equal((30, true), (general.GetProperty("estimatedWaitMinutes").GetInt32(), general.GetProperty("beyondClosing").GetBoolean()));
    }

    [Fact]
    public async Task English_details_say_a_tickets_state_in_words_not_as_an_enum_value()
    {
        await using var silo = new SiloApplication();
        var t = await silo.Client().TakeOk(new { categoryCode = "police" });
        var problem = await HallApi.AssertProblem(await silo.AnonymousClient().Post($"/api/halls/xuanen/tickets/{t.GetProperty("id").GetString()}/reinstate", null, "r-1"),
            HttpStatusCode.Conflict, "ticket-state");
        Assert.Equal("Ticket B001 is waiting in the queue; it cannot be reinstated.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_65_character_工号_is_reported_as_too_long_not_as_missing()
    {
        await using var silo = new SiloApplication();
        var problem = await HallApi.AssertProblem(await silo.Client().Act(2, "open", new { clerkId = new string('c', 65) }), HttpStatusCode.BadRequest, "clerk-id-too-long");
        Assert.Equal("工号（clerkId）太长：65 个字符，最多 64 个", problem.GetProperty("title").GetString());
        Assert.Equal("The clerk's id (clerkId) is too long: 65 characters, at most 64.", problem.GetProperty("detail").GetString());
    }

    /// <summary>A copy of the seed halls, one of them changed, in a folder of its own (Halls:Seeds).</summary>
    private static string SeedsWith(string hallId, Action<JsonNode> change)
    {
        var folder = Directory.CreateTempSubdirectory("queue-seeds-").FullName;
        foreach (var file in Directory.GetFiles(SiloProcess.SeedsFolder, "*.hall.json"))
        {
            var target = Path.Combine(folder, Path.GetFileName(file));
            if (Path.GetFileName(file) != $"{hallId}.hall.json") { File.Copy(file, target); continue; }
            var hall = JsonNode.Parse(File.ReadAllText(file))!;
            change(hall);
            File.WriteAllText(target, hall.ToJsonString());
        }
        return folder;
    }
}
