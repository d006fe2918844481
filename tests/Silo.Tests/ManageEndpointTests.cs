using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

public class ManageEndpointTests
{
    [Fact]
    public async Task A_manager_moves_a_window_to_another_category_and_it_calls_from_there()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "tax" });
        await http.OpenWindow(1);
        Assert.Equal(HttpStatusCode.NoContent, (await http.Act(1, "call-next")).StatusCode);
        var changed = await http.PutAsJsonAsync("/api/halls/xuanen/manage/windows/1/categories", new { categories = new[] { "general", "tax" }, prefers = new[] { "tax" } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("C001", (await http.ActOk(1, "call-next")).GetProperty("ticket").GetProperty("number").GetString());

        await HallApi.AssertProblem(await http.PutAsJsonAsync("/api/halls/xuanen/manage/windows/1/categories",
            new { categories = new[] { "general" }, prefers = new[] { "tax" } }), HttpStatusCode.BadRequest, "prefers-not-served");
        await HallApi.AssertProblem(await http.PutAsJsonAsync("/api/halls/xuanen/manage/windows/1/categories",
            new { categories = Array.Empty<string>() }), HttpStatusCode.BadRequest, "categories-required");
    }

    [Fact]
    public async Task Raising_a_tickets_priority_needs_a_reason_and_puts_it_first()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await HallApi.AssertProblem(await http.PostAsJsonAsync("/api/halls/xuanen/manage/tickets/A002/priority", new { priority = "green" }),
            HttpStatusCode.BadRequest, "reason-required");
        var raised = await http.PostAsJsonAsync("/api/halls/xuanen/manage/tickets/A002/priority", new { priority = "green", reason = "孕妇" });
        Assert.Equal("green", (await HallApi.Body(raised)).GetProperty("priority").GetString());
        await http.OpenWindow(2);
        Assert.Equal("A002", (await http.ActOk(2, "call-next")).GetProperty("ticket").GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_booked_appointment_checks_in_once_with_its_code()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var now = silo.Clock.GetUtcNow();
        var booked = await http.PostAsJsonAsync("/api/halls/xuanen/manage/appointments",
            new { matterIds = new[] { "esfzy" }, slotStart = now.AddMinutes(3), slotEnd = now.AddMinutes(33) });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var code = (await HallApi.Body(booked)).GetProperty("code").GetString()!;
        Assert.Matches("^[A-Z2-9]{8}$", code);

        await http.TakeOk(new { categoryCode = "estate" });
        var ticket = await http.TakeOk(new { appointmentCode = code.ToLowerInvariant() });
        Assert.Equal(("appointment", "D002"), (ticket.GetProperty("priority").GetString(), ticket.GetProperty("number").GetString()));
        await HallApi.AssertProblem(await http.Take(new { appointmentCode = code }), HttpStatusCode.Conflict, "appointment-used");
        await http.OpenWindow(26);
        Assert.Equal("D002", (await http.ActOk(26, "call-next")).GetProperty("ticket").GetProperty("number").GetString());

        await HallApi.AssertProblem(await http.PostAsJsonAsync("/api/halls/xuanen/manage/appointments",
            new { categoryCode = "estate", slotStart = now.AddMinutes(30), slotEnd = now.AddMinutes(10) }), HttpStatusCode.BadRequest, "slot-invalid");
    }

    [Fact]
    public async Task A_notice_is_posted_to_the_hall_and_limited_in_length()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/halls/xuanen/manage/notice", new { text = "今日中午不打烊" })).StatusCode);
        Assert.Equal("今日中午不打烊", (await HallApi.Body(await http.GetAsync("/api/halls/xuanen"))).GetProperty("notice").GetString());
        await HallApi.AssertProblem(await http.PostAsJsonAsync("/api/halls/xuanen/manage/notice", new { text = new string('长', 201) }),
            HttpStatusCode.BadRequest, "notice-too-long");
    }

    [Fact]
    public async Task Health_lists_the_halls_and_the_openapi_document_describes_the_api()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var health = await HallApi.Body(await http.GetAsync("/healthz"));
        Assert.Equal(("ok", 3), (health.GetProperty("status").GetString(), health.GetProperty("halls").GetInt32()));
        var halls = await HallApi.Body(await http.GetAsync("/api/halls"));
        Assert.Contains(halls.EnumerateArray(), h => h.GetProperty("name").GetString() == "宣恩县市民之家" && h.GetProperty("windowCount").GetInt32() == 27);
        await HallApi.AssertProblem(await http.GetAsync("/api/halls?view=all"), System.Net.HttpStatusCode.BadRequest, "view-invalid");
        var openApi = await http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/halls/{hallId}/windows/{windowNo}/{action}", openApi);
    }

    [Fact]
    public async Task The_hall_names_list_wakes_no_hall()
    {
        await using var silo = new SiloApplication(settings: new Dictionary<string, string> { ["Halls:CopiesPerSeed"] = "20" });
        var names = await HallApi.Body(await silo.AnonymousClient().GetAsync("/api/halls?view=names"));
        Assert.Equal(60, names.GetArrayLength());
        Assert.Contains(names.EnumerateArray(), h => (h.GetProperty("id").GetString(), h.GetProperty("name").GetString()) == ("xuanen-00001", "宣恩县市民之家"));
        var active = await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Assert.DoesNotContain(active, g => g.GrainType.Contains("HallGrain", StringComparison.Ordinal) && g.ActivationCount > 0);
    }
}
