using System.Net;
using Queue.Contracts;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>Who may join the hub as what (<see cref="AccessRules.HubRoles"/>), over real WebSockets.</summary>
public class HubRoleTests
{
    [Fact]
    public async Task Each_caller_joins_or_is_refused_each_hub_role_as_the_rules_say()
    {
        await using var silo = new SiloApplication(kestrel: true, settings: AccessMatrixTests.Unlimited);
        var callers = await Callers.Make(silo);
        await Scene.Make(silo, callers);   // a ticket from kiosk k1 whose print job waits for its agent
        var failures = new List<string>();
        foreach (var (role, _, _) in AccessRules.HubRoles)
            foreach (var who in Callers.All)
            {
                var query = $"hall={Callers.Here}&{role}" + (callers.Token(who) is { } token ? $"&access_token={Uri.EscapeDataString(token)}" : "");
                if (AccessRules.Allowed(role, who))
                {
                    await using var listener = await HubListener.Join(silo.BaseAddress, query, callers.Cookies(who));
                    // The first thing each role hears: the hall's state, or for a print agent the job that waited for it.
                    if (role.StartsWith("role=printer", StringComparison.Ordinal)) await listener.Next<PrintTicketView>(nameof(IHallClient.PrintTicket));
                    else await listener.Next<HallStateView>(nameof(IHallClient.HallState));
                }
                else
                {
                    var why = await HubListener.Refused(silo.BaseAddress, query, callers.Cookies(who));
                    // Another hall's token is nobody here (401); anyone else hears why, in Chinese and English.
                    var expected = who == Who.KioskElsewhere ? "401" : role.Contains("manager") ? "管理员" : role.Contains("evaluator") ? "评价器" : "打印代理";
                    if (!why.Message.Contains(expected, StringComparison.Ordinal)) failures.Add($"{role} as {who}: refused with '{why.Message}', expected '{expected}'");
                }
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_window_screen_never_hears_the_clerks_reminders_the_clerks_console_does()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var callers = await Callers.Make(silo);
        await using var console = await HubListener.Join(silo.BaseAddress, $"hall={Callers.Here}&role=window&window=1", callers.Cookies(Who.Clerk));
        await using var screen = await HubListener.Join(silo.BaseAddress, $"hall={Callers.Here}&role=window&window=1");
        await using var stranger = await HubListener.Join(silo.BaseAddress, $"hall={Callers.Here}&role=window&window=1", callers.Cookies(Who.ClerkElsewhere));
        foreach (var l in new[] { console, screen, stranger }) await l.Next<HallStateView>(nameof(IHallClient.HallState));
        await Scene.Make(silo, callers);   // window 1 opened by the clerk, a ticket waiting
        await callers[Who.Clerk].ActOk(1, "call-next");

        var reminder = await silo.WhileTimePasses(console.Next<WindowReminderView>(nameof(IHallClient.WindowReminder)));
        Assert.Equal(1, reminder.WindowNo);
        // Posted after the reminder was sent: each screen hears it, and would have heard the reminder first.
        await callers[Who.Manager].PostOk($"/api/halls/{Callers.Here}/manage/notice", new { text = "请保持安静" });
        foreach (var l in new[] { screen, stranger })
        {
            await l.Next<NoticeView>(nameof(IHallClient.NoticePosted));
            Assert.Equal(0, l.Count(nameof(IHallClient.WindowReminder)));
        }
    }

    [Fact]
    public async Task Each_window_s_evaluator_is_asked_to_rate_the_service_just_finished_at_its_window_and_no_other()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var callers = await Callers.Make(silo);
        var (_, second, _) = await callers[Who.Manager].PairOk("evaluator", "2");
        string Query(int window, string token) => $"hall={Callers.Here}&role=evaluator&window={window}&access_token={Uri.EscapeDataString(token)}";
        await using var one = await HubListener.Join(silo.BaseAddress, Query(1, callers.Token(Who.Evaluator)!));
        await using var two = await HubListener.Join(silo.BaseAddress, Query(2, second));
        foreach (var l in new[] { one, two }) await l.Next<HallStateView>(nameof(IHallClient.HallState));
        // A pad hears only the window it faces.
        Assert.Contains("该评价器属于 1 号窗口", (await HubListener.Refused(silo.BaseAddress, Query(2, callers.Token(Who.Evaluator)!))).Message);
        var scene = await Scene.Make(silo, callers);   // window 1 opened by the clerk, a ticket waiting
        var admin = silo.Client();
        await admin.OpenWindow(2);
        await callers[Who.Kiosk].TakeOk(new { categoryCode = "general" });
        await callers[Who.Clerk].ActOk(1, "call-next");
        var atTwo = (await admin.ActOk(2, "call-next")).TicketNumber();
        await admin.ActOk(2, "complete");
        await callers[Who.Clerk].ActOk(1, "complete");

        var prompt = await one.Next<RatingPromptView>(nameof(IHallClient.RatingRequested));
        Assert.Equal((scene.TicketId, scene.TicketNumber, 1, 1, Callers.UserName(Who.Clerk), "综合受理"),
            (prompt.TicketId, prompt.Number, prompt.WindowNo, prompt.Step, prompt.ClerkId, prompt.CategoryName));
        var other = await two.Next<RatingPromptView>(nameof(IHallClient.RatingRequested));
        Assert.Equal((atTwo, 2, "c02"), (other.Number, other.WindowNo, other.ClerkId));
        Assert.Equal(1, one.Count(nameof(IHallClient.RatingRequested)));
    }
}
