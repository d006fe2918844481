using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Queue.Contracts;
using Queue.Silo.Ratings;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Ratings;

/// <summary>差评整改 through the manager's API on real Kestrel: cases from the log, deadlines, steps in order, 追评 once.</summary>
public class RatingCaseTests
{
    private const string Cases = "/api/halls/xuanen/manage/rating-cases";

    private static Task<HttpResponseMessage> Step(HttpClient http, string id, string step, string? note) =>
        http.PostAsJsonAsync($"{Cases}/{id}/{step}", new { note });

    [Fact]
    public async Task A_bad_rating_opens_a_case_a_manager_takes_through_contact_rectify_and_close_in_order()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"queue-test-{Guid.NewGuid():N}", "queue.db");
        string caseId, secret;
        await using (var silo = new SiloApplication(dir, kestrel: true))
        {
            var admin = silo.Client();
            await admin.CreateUserOk("m1", "manager", HallApi.Hall);
            var manager = silo.Client("m1");
            await admin.OpenWindow(RatedServices.Window);
            (secret, _) = await admin.ServeAndRate(silo.AnonymousClient(), 1, "等了很久");   // Monday 23 November, 10:00
            await admin.ServeAndRate(silo.AnonymousClient(), 4);
            var text = await manager.GetStringAsync(Cases);
            Assert.DoesNotContain(secret, text);   // the ticket's secret id never reaches a manager
            var open = JsonSerializer.Deserialize<JsonElement>(text).EnumerateArray().ToList();
            var c = Assert.Single(open);   // the good rating opened none
            caseId = c.GetProperty("id").GetString()!;
            Assert.Equal(("A001", "非常不满意", "open"), (c.GetProperty("number").GetString(), c.GetProperty("gradeName").GetString(), c.GetProperty("status").GetString()));
            Assert.Equal("2026-11-24", c.GetProperty("contactDue").GetString());   // within 1 working day: by the end of Tuesday
            Assert.Equal("2026-12-14", c.GetProperty("rectifyDue").GetString());   // within 15, over two weekends
            Assert.Equal(0, c.GetProperty("overdue").GetArrayLength());

            // Out of order, no note, no such case: refused, and nothing changed.
            await HallApi.AssertProblem(await Step(manager, caseId, "rectify", "已整改"), HttpStatusCode.Conflict, "case-step-out-of-order");
            await HallApi.AssertProblem(await Step(manager, caseId, "close", "办结"), HttpStatusCode.Conflict, "case-step-out-of-order");
            await HallApi.AssertProblem(await Step(manager, caseId, "contact", "  "), HttpStatusCode.BadRequest, "note-required");
            await HallApi.AssertProblem(await manager.PostAsync($"{Cases}/{caseId}/contact", null), HttpStatusCode.BadRequest, "note-required");
            await HallApi.AssertProblem(await Step(manager, "20261123-999", "contact", "已电话联系"), HttpStatusCode.NotFound, "rating-case-not-found");
            await HallApi.AssertProblem(await manager.GetAsync($"{Cases}?status=late"), HttpStatusCode.BadRequest, "status-invalid");
            var unchanged = (await manager.GetOk(Cases))[0];
            Assert.Equal(("open", 0), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("steps").GetArrayLength()));

            // Wednesday: not contacted by the end of Tuesday, so overdue, and the managers' alert says so.
            silo.Clock.Advance(TimeSpan.FromDays(2));
            manager = silo.Client("m1");   // a new working day, a new sign-in
            var overdue = Assert.Single((await manager.GetOk($"{Cases}?status=overdue")).EnumerateArray());
            Assert.Equal("contact", Assert.Single(overdue.GetProperty("overdue").EnumerateArray()).GetString());
            Assert.Contains("A001", (await manager.Alert($"rating-case:{caseId}"))?.GetProperty("message").GetString());

            var contacted = await HallApi.Body(await Step(manager, caseId, "contact", "已电话联系群众，核实属实"));
            Assert.Equal("contacted", contacted.GetProperty("status").GetString());
            var step = Assert.Single(contacted.GetProperty("steps").EnumerateArray());
            Assert.Equal(("m1", "已电话联系群众，核实属实"), (step.GetProperty("by").GetString(), step.GetProperty("note").GetString()));
            Assert.Empty((await manager.GetOk($"{Cases}?status=overdue")).EnumerateArray());
            Assert.Null(await manager.Alert($"rating-case:{caseId}"));

            // 追评 only once rectified, and once.
            var grains = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IRatingCasesGrain>(HallApi.Hall);
            Assert.Equal("case-not-rectified", (await grains.FollowUp(secret, 4, [], null)).Refusal?.Code);
            await HallApi.Body(await Step(manager, caseId, "rectify", "已对窗口人员批评教育，调整排班"));
            // Monday's figures say how its 差评 were followed up: contacted a day late (Wednesday), rectified in time.
            var followed = (await manager.GetOk($"/api/halls/{HallApi.Hall}/stats?from=2026-11-23&to=2026-11-23")).GetProperty("cases");
            Assert.Equal((1, 1, 0, 1, 1, 1.0), (followed.GetProperty("bad").GetInt32(), followed.GetProperty("contacted").GetInt32(),
                followed.GetProperty("contactedOnTime").GetInt32(), followed.GetProperty("rectified").GetInt32(),
                followed.GetProperty("rectifiedOnTime").GetInt32(), followed.GetProperty("rectificationRate").GetDouble()));
            Assert.Equal("tag-not-offered", (await grains.FollowUp(secret, 4, ["态度生硬"], null)).Refusal?.Code);
            // The resident's 追评 goes where their first rating went: the ticket's rating, by its secret id.
            var again = await HallApi.Body(await silo.AnonymousClient().Rate(secret, new { grade = 4, tags = new[] { "热情周到" }, comment = "改进了" }));
            Assert.Equal((4, "follow-up", 1), (again.GetProperty("grade").GetInt32(), again.GetProperty("channel").GetString(), again.GetProperty("step").GetInt32()));
            await HallApi.AssertProblem(await silo.AnonymousClient().Rate(secret, new { grade = 5 }), HttpStatusCode.Conflict, "already-followed-up");
            Assert.Equal(4, (await manager.GetOk($"{Cases}?status=open"))[0].GetProperty("followUp").GetProperty("grade").GetInt32());
            Assert.Equal("rating-case-not-found", (await grains.FollowUp("no-such-ticket", 5, [], null)).Refusal?.Code);
        }

        // After a restart the case is as stored: rectified, with its 追评; the manager closes it.
        await using (var silo = new SiloApplication(dir, kestrel: true))
        {
            var manager = silo.Client();
            var closed = await HallApi.Body(await Step(manager, caseId, "close", "群众满意，办结"));
            Assert.Equal(["contacted", "rectified", "closed"], closed.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
            Assert.Equal("满意", closed.GetProperty("followUp").GetProperty("gradeName").GetString());
            Assert.Empty((await manager.GetOk(Cases)).EnumerateArray());
            Assert.Equal(caseId, Assert.Single((await manager.GetOk($"{Cases}?status=closed")).EnumerateArray()).GetProperty("id").GetString());
            await HallApi.AssertProblem(await Step(manager, caseId, "close", "再次办结"), HttpStatusCode.Conflict, "case-step-out-of-order");
            Assert.Equal("already-followed-up", (await silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IRatingCasesGrain>(HallApi.Hall)
                .FollowUp(secret, 5, [], null)).Refusal?.Code);
        }
    }

    [Fact]
    public async Task The_export_pages_every_rating_then_every_case_change_with_a_cursor_and_never_the_secret_id()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var manager = silo.Client();
        var (_, token, _) = await manager.PairOk("integration", "省好差评平台");
        var platform = silo.DeviceClient(token);
        var phone = silo.AnonymousClient();
        await manager.OpenWindow(RatedServices.Window);
        var secrets = new List<string>();
        foreach (var grade in new[] { 5, 2, 3 }) secrets.Add((await manager.ServeAndRate(phone, grade)).Id);
        var caseId = (await manager.GetOk(Cases))[0].GetProperty("id").GetString()!;
        await HallApi.Body(await Step(manager, caseId, "contact", "已联系"));

        async Task<(List<JsonElement> Items, string Next)> Pull(string after)
        {
            var items = new List<JsonElement>();
            for (var pages = 0; pages < 20; pages++)   // 5 items in pages of 2: a cursor that does not move fails here
            {
                var text = await platform.GetStringAsync($"/api/halls/xuanen/ratings/export?limit=2&after={after}");
                Assert.All(secrets, s => Assert.DoesNotContain(s, text));
                var page = JsonSerializer.Deserialize<JsonElement>(text);
                var got = page.GetProperty("items").EnumerateArray().ToList();
                Assert.True(got.Count <= 2);
                items.AddRange(got);
                if (got.Count == 0) return (items, page.GetProperty("next").GetString()!);
                after = page.GetProperty("next").GetString()!;
            }
            throw new HallApiException($"The export never ran dry after {after}");
        }

        var (all, next) = await Pull("");
        Assert.Equal(["rating", "rating", "rating", "case-opened", "case-contacted"], all.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal(["A001", "A002", "A003", "A002", "A002"], all.Select(i => i.GetProperty("ticket").GetProperty("number").GetString()));
        var keys = all.Select(i => i.GetProperty("ticket").GetProperty("key").GetString()).ToList();
        Assert.Equal(3, keys.Distinct().Count());
        Assert.Equal([keys[1], keys[1]], keys[3..]);   // the case's items carry its rating's ticket key
        Assert.Equal("企业开办", all[0].GetProperty("matters")[0].GetProperty("name").GetString());
        Assert.Equal(("已联系", "admin"), (all[4].GetProperty("case").GetProperty("note").GetString(), all[4].GetProperty("case").GetProperty("by").GetString()));

        // From the last cursor: only what is new.
        await manager.ServeAndRate(phone, 1);
        var (fresh, _) = await Pull(next);
        Assert.Equal(["rating", "case-opened"], fresh.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("A004", fresh[0].GetProperty("ticket").GetProperty("number").GetString());

        await HallApi.AssertProblem(await platform.GetAsync("/api/halls/xuanen/ratings/export?after=abc"), HttpStatusCode.BadRequest, "cursor-invalid");
        await HallApi.AssertProblem(await platform.GetAsync("/api/halls/xuanen/ratings/export?limit=0"), HttpStatusCode.BadRequest, "limit-invalid");
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.GetAsync(Cases)).StatusCode);   // the platform reads the export, nothing else
    }
}
