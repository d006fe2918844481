using System.Net;
using System.Text.Json;
using Queue.Silo.Tests.Storage;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>GET /api/halls/{hallId}/manage/audit: who did what, when and why, as a hall manager reads it.</summary>
public class AuditTests
{
    [Fact]
    public async Task The_audit_says_who_did_what_and_why_newest_first_in_Chinese_and_never_shows_a_secret_ticket_id()
    {
        await using var silo = new SiloApplication();
        var morning = await AMorning(silo);
        var manager = silo.Client("m1");

        var entries = await manager.AuditOk();
        Assert.Equal(
        [
            "DeviceRevoked|user:m1|||||管理员 m1 撤销大屏 大厅大屏",
            "DevicePaired|user:m1|||||管理员 m1 配对大屏 大厅大屏",
            "TicketCancelled|resident||9|A002||群众取消 A002",
            "TicketTransferred|user:c1|材料不全|8|A001|3|c1 将 A001 从 3 号窗口转到“税务”：材料不全",
            "TicketPriorityChanged|user:m1|孕妇|7|A003||管理员 m1 将 A003 调为绿色通道：孕妇",
            "TicketCalled|user:c1||6|A001|3|c1 在 3 号窗口叫号 A001",
            "WindowOpened|user:c1||5||3|c1 打开 3 号窗口",
            $"TicketIssued|device:{morning.KioskId}||4|A003||取号机 k1 取号 A003",
            $"TicketIssued|device:{morning.KioskId}||3|A002||取号机 k1 取号 A002",
            $"TicketIssued|device:{morning.KioskId}||2|A001||取号机 k1 取号 A001",
            "DayStarted|||1|||新的服务日开始（2026-11-23），号码重新编排",
            "DevicePaired|user:m1|||||管理员 m1 配对取号机 k1",
        ], Lines(entries));
        var times = entries.EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(SiloApplication.MondayMorning.AddMinutes(8), times[0]);
        Assert.Equal(times.OrderByDescending(t => t), times);

        var text = await (await manager.GetAsync("/api/halls/xuanen/manage/audit")).Content.ReadAsStringAsync();
        Assert.All(morning.TicketIds, id => Assert.DoesNotContain(id, text));
    }

    [Fact]
    public async Task The_audit_filters_by_actor_time_range_and_limit_and_still_names_tickets_issued_outside_the_filter()
    {
        await using var silo = new SiloApplication();
        var morning = await AMorning(silo);
        var manager = silo.Client("m1");
        async Task<IEnumerable<string>> Kinds(string query) =>
            (await manager.AuditOk(query)).EnumerateArray().Select(e => $"{e.GetProperty("kind").GetString()} {e.GetProperty("ticketNumber").GetString()}".Trim());

        Assert.Equal(["TicketTransferred A001", "TicketCalled A001", "WindowOpened"], await Kinds("?who=user:c1"));
        Assert.Equal(["TicketIssued A003", "TicketIssued A002", "TicketIssued A001"], await Kinds($"?who=device:{morning.KioskId}"));
        Assert.Equal(["DeviceRevoked", "DevicePaired", "TicketPriorityChanged A003", "DevicePaired"], await Kinds("?who=user:m1"));
        Assert.Equal(["TicketCancelled A002"], await Kinds("?who=resident"));
        Assert.Empty(await Kinds("?who=user:c9"));

        // 10:02 to 10:04 in the hall, as a time of day there or as instants: from is in, to is out.
        Assert.Equal(["TicketCalled A001", "WindowOpened"], await Kinds("?from=2026-11-23T10:02&to=2026-11-23T10:04"));
        Assert.Equal(["TicketCalled A001", "WindowOpened"], await Kinds("?from=2026-11-23T02:02:00Z&to=2026-11-23T10:04:00%2B08:00"));
        Assert.Equal(12, (await Kinds("?from=2026-11-23&to=2026-11-23")).Count());
        Assert.Empty(await Kinds("?from=2026-11-22&to=2026-11-22"));
        Assert.Equal(["DeviceRevoked", "DevicePaired"], await Kinds("?limit=2"));
        Assert.Equal(["TicketCancelled A002", "TicketTransferred A001"], await Kinds("?to=2026-11-23T10:07&limit=2"));
    }

    [Fact]
    public async Task Only_the_halls_managers_read_it_and_bad_ranges_limits_and_actors_are_refused_in_both_languages()
    {
        await using var silo = new SiloApplication();
        var morning = await AMorning(silo);
        await silo.Client().CreateUserOk("m2", "manager", "enshi");
        const string audit = "/api/halls/xuanen/manage/audit";

        await HallApi.AssertProblem(await silo.AnonymousClient().GetAsync(audit), HttpStatusCode.Unauthorized, "sign-in-required");
        await HallApi.AssertProblem(await silo.Client("c1").GetAsync(audit), HttpStatusCode.Forbidden, "forbidden");
        await HallApi.AssertProblem(await silo.Client("m2").GetAsync(audit), HttpStatusCode.Forbidden, "forbidden");
        await HallApi.AssertProblem(await silo.DeviceClient(morning.KioskToken).GetAsync(audit), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(12, (await silo.Client().AuditOk()).GetArrayLength());

        var manager = silo.Client("m1");
        foreach (var (query, code) in new[]
        {
            ("?from=yesterday", "audit-time-invalid"), ("?to=2026-13-45", "audit-time-invalid"),
            ("?from=2026-11-23T10:05&to=2026-11-23T10:01", "audit-range-invalid"), ("?from=2026-11-24", "audit-range-invalid"),
            ("?limit=0", "audit-limit-invalid"), ("?limit=1001", "audit-limit-invalid"), ("?limit=ten", "audit-limit-invalid"), ("?limit=-5", "audit-limit-invalid"),
            ("?who=c1", "audit-who-invalid"), ($"?who=user:{new string('x', 100)}", "audit-who-invalid"),
        })
            await HallApi.AssertProblem(await manager.GetAsync(audit + query), HttpStatusCode.BadRequest, code);
        await HallApi.AssertProblem(await silo.Client().GetAsync("/api/halls/nowhere/manage/audit"), HttpStatusCode.NotFound, "hall-not-found");
    }

    [Fact]
    public Task The_audit_is_read_from_the_log_and_reads_the_same_after_a_restart()
    {
        var db = Path.Combine(Path.GetTempPath(), $"queue-test-{Guid.NewGuid():N}", "queue.db");
        return ReadsTheSameAfterARestart(() => new SiloApplication(db));
    }

    [PostgresFact]
    public Task The_audit_reads_the_same_from_PostgreSQL_after_a_restart()
    {
        var log = TestPostgres.NewDatabase();
        return ReadsTheSameAfterARestart(() => new SiloApplication(settings: new Dictionary<string, string> { ["Storage:Postgres"] = log }));
    }

    private static async Task ReadsTheSameAfterARestart(Func<SiloApplication> start)
    {
        string before;
        await using (var first = start())
        {
            await AMorning(first);
            before = (await first.Client().AuditOk()).GetRawText();
        }
        await using var second = start();
        Assert.Equal(before, (await second.Client().AuditOk()).GetRawText());
        Assert.Equal(12, (await second.Client("m1").AuditOk("?from=2026-11-23")).GetArrayLength());
        Assert.Equal(["TicketTransferred", "TicketCalled", "WindowOpened"],
            (await second.Client("m1").AuditOk("?who=user:c1")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task An_auto_call_after_a_ticket_is_shown_as_the_halls_own()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        await admin.OpenWindow(1, "shadaogou");
        await admin.TakeOk(new { categoryCode = "general" }, "shadaogou");

        Assert.Equal(
        [
            "TicketCalled|||4|A001|1|1 号窗口自动叫号 A001",
            "TicketIssued|user:admin||3|A001||系统管理员 admin 取号 A001",
            "WindowOpened|user:admin||2||1|系统管理员 admin 以工号 c01 打开 1 号窗口",
            "DayStarted|||1|||新的服务日开始（2026-11-23），号码重新编排",
        ], Lines(await admin.AuditOk(hall: "shadaogou")));
    }

    /// <summary>
    /// 10:00 in 宣恩, a minute between steps: manager m1 pairs kiosk k1; the kiosk issues A001–A003; clerk c1 opens window 3,
    /// calls A001 and sends it to 税务 for missing papers; m1 raises A003 for a pregnant resident; a resident cancels A002
    /// from their phone; m1 pairs a TV and revokes it. Returns what the kiosk was given.
    /// </summary>
    private static async Task<Morning> AMorning(SiloApplication silo)
    {
        var admin = silo.Client();
        await admin.CreateUserOk("m1", "manager", HallApi.Hall);
        await admin.CreateUserOk("c1", "clerk", HallApi.Hall);
        var (manager, clerk) = (silo.Client("m1"), silo.Client("c1"));
        var (kioskId, kioskToken, _) = await manager.PairOk("kiosk", "k1");
        var kiosk = silo.DeviceClient(kioskToken);
        var ids = new List<string>();
        Minute(silo);
        for (var i = 0; i < 3; i++) ids.Add((await kiosk.TakeOk(new { categoryCode = "general" })).GetProperty("id").GetString()!);
        Minute(silo);
        await clerk.ActOk(3, "open");
        Minute(silo);
        await clerk.ActOk(3, "call-next");
        Minute(silo);
        await manager.PostOk("/api/halls/xuanen/manage/tickets/A003/priority", new { priority = "green", reason = "孕妇" });
        Minute(silo);
        await clerk.ActOk(3, "transfer", new { categoryCode = "tax", reason = " 材料不全 " });
        Minute(silo);
        Assert.Equal(HttpStatusCode.OK, (await silo.AnonymousClient().PostAsync($"/api/halls/xuanen/tickets/{ids[1]}/cancel", null)).StatusCode);
        Minute(silo);
        var (tvId, _, _) = await manager.PairOk("tv", "大厅大屏");
        Minute(silo);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/halls/xuanen/manage/devices/{tvId}")).StatusCode);
        return new Morning(kioskId, kioskToken, ids);
    }

    private sealed record Morning(string KioskId, string KioskToken, IReadOnlyList<string> TicketIds);

    private static void Minute(SiloApplication silo) => silo.Clock.Advance(TimeSpan.FromMinutes(1));

    /// <summary>Each entry as "kind|by|why|seq|ticketNumber|windowNo|summary", nulls empty.</summary>
    private static IEnumerable<string> Lines(JsonElement entries) => entries.EnumerateArray().Select(e => string.Join("|",
        new[] { "kind", "by", "why", "seq", "ticketNumber", "windowNo", "summary" }.Select(p => e.GetProperty(p) switch
        {
            { ValueKind: JsonValueKind.Null } => "",
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            var s => s.GetString(),
        })));
}
