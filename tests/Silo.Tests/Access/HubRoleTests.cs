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
                    var expected = who == Who.KioskElsewhere ? "401" : role.Contains("manager") ? "管理员" : "打印代理";
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
}
