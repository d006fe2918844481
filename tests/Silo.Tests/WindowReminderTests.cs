using System.Net;
using Queue.Contracts;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>The window grain's timers, heard by the clerk console of that window (role=window&amp;window=n): the clerk
/// who signed in and opened it.</summary>
public class WindowReminderTests
{
    /// <summary>Clerk c03 signed in at window 3, its console joined with the same session; the admin's client takes tickets.</summary>
    private static async Task<(HttpClient Desk, HttpClient Clerk, HubListener Console)> ClerkAtWindow3(SiloApplication silo)
    {
        var desk = silo.Client();
        await desk.CreateUserOk("c03", "clerk", "xuanen");
        var cookies = new CookieContainer();
        var clerk = silo.Client("c03", cookies);
        await clerk.OpenWindow(3);
        var console = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=window&window=3", cookies);
        await console.Next<HallStateView>("HallState");
        return (desk, clerk, console);
    }

    [Fact]
    public async Task A_clerk_is_reminded_to_recall_then_offered_no_show_when_the_called_resident_does_not_come()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var (desk, clerk, console) = await ClerkAtWindow3(silo);
        await using var _ = console;
        await desk.TakeOk(new { categoryCode = "general" });
        await clerk.ActOk(3, "call-next");

        var recall = await silo.WhileTimePasses(console.Next<WindowReminderView>("WindowReminder"));
        Assert.Equal((3, "A001", "recall"), (recall.WindowNo, recall.TicketNumber, recall.Kind));
        Assert.InRange(recall.SecondsSinceCall, 60, 179);                      // xuanen: recall after 60 s, 过号 after 180 s
        Assert.Contains("重呼", recall.Message);

        var noShow = await silo.WhileTimePasses(console.Next<WindowReminderView>("WindowReminder", r => r.Kind == "no-show"));
        Assert.Equal("A001", noShow.TicketNumber);
        Assert.True(noShow.SecondsSinceCall >= 180, $"offered after {noShow.SecondsSinceCall} s");
        Assert.Contains("过号", noShow.Message);
    }

    [Fact]
    public async Task A_resident_who_came_is_never_reminded_about()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var (desk, clerk, console) = await ClerkAtWindow3(silo);
        await using var _ = console;
        await desk.TakeOk(new { categoryCode = "general" });
        await desk.TakeOk(new { categoryCode = "general" });
        await clerk.ActOk(3, "call-next");
        await clerk.ActOk(3, "start");
        silo.Clock.Advance(TimeSpan.FromSeconds(30));
        await clerk.ActOk(3, "complete");
        await clerk.ActOk(3, "call-next");                                       // A002, 30 s after A001 was called

        // A001's reminder would have come first (60 s after its call); the first one heard is A002's.
        var first = await silo.WhileTimePasses(console.Next<WindowReminderView>("WindowReminder"));
        Assert.Equal("A002", first.TicketNumber);
    }
}
