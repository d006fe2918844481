using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Hall;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

public class HubTests
{
    [Fact]
    public async Task A_display_gets_the_hall_state_first_then_every_call_with_its_announcement()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        await using var tv = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=display");
        // Typed records cannot show a field the silo should not send, so a second screen reads the call raw
        // (the client binds a target's arguments to its first handler's types: one connection each).
        await using var raw = HallConnection.Build(new Uri(silo.BaseAddress, "/hubs/hall?hall=xuanen&role=display"), HubBackoff.Default);
        var rawCall = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var rawState = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        raw.On<JsonElement>(nameof(IHallClient.HallState), _ => rawState.TrySetResult());
        raw.On<JsonElement>(nameof(IHallClient.TicketCalled), e => rawCall.TrySetResult(e));
        await raw.StartAsync();
        await rawState.Task.WaitAsync(TimeSpan.FromSeconds(5)); // in the hall's group before the call
        var state = await tv.Next<HallStateView>("HallState");
        Assert.Equal("宣恩县市民之家", state.Name);
        Assert.Equal(1, state.WaitingTotal);

        await http.OpenWindow(5);
        await http.ActOk(5, "call-next");
        var call = await tv.Next<CallView>("TicketCalled");
        Assert.Equal(("A001", 5, "5号综合窗口", "综合受理"), (call.TicketNumber, call.WindowNo, call.WindowName, call.CategoryName));
        Assert.Equal("请 A001 号 到 5 号窗口 办理", call.Announcement);
        Assert.True(call.Seq > state.Seq);
        Assert.False((await rawCall.Task.WaitAsync(TimeSpan.FromSeconds(5))).TryGetProperty("ticketId", out _)); // a public screen never learns the phone link
        Assert.Equal("A001", call.Window?.Current?.Number);   // the call's one frame shows the window serving it
        var queue = await silo.WhileTimePasses(tv.Next<QueueView>("QueueChanged", q => q.WaitingTotal == 0));
        Assert.Equal(0, queue.Categories[0].Waiting);

        await http.ActOk(5, "recall");
        Assert.True((await tv.Next<CallView>("TicketCalled")).IsRecall);
    }

    [Fact]
    public async Task A_screens_messages_are_numbered_one_by_one_so_a_lost_one_shows()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await http.OpenWindow(5);   // the hall's day has begun (its start resyncs every screen)
        await using var tv = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=display");
        var missed = 0;
        tv.Connection.OnMissed(() => Interlocked.Increment(ref missed));
        Assert.Null((await tv.Next<HallStateView>("HallState")).MessageNo);   // the state on joining starts no count

        foreach (var _ in Enumerable.Range(0, 3)) await http.TakeOk(new { categoryCode = "general" });
        await http.ActOk(5, "call-next");
        await http.PostOk("/api/halls/xuanen/manage/notice", new { text = "午间不打烊" });
        await http.ActOk(5, "complete");
        await http.ActOk(5, "call-next");
        await http.ActOk(5, "recall");
        await tv.Next<CallView>("TicketCalled", c => c.IsRecall);
        await silo.WhileTimePasses(tv.Next<QueueView>("QueueChanged", q => q.WaitingTotal == 1));

        var numbers = tv.Numbers.Skip(1).ToArray();
        Assert.True(numbers.Length >= 6, $"{numbers.Length} messages");   // 3 calls, the notice, the completion, counts
        Assert.Equal(Enumerable.Range(0, numbers.Length).Select(i => numbers[0] + i), numbers);
        Assert.Equal(0, missed);
    }

    [Fact]
    public async Task A_call_reaches_a_window_screen_as_one_frame_that_shows_the_window_with_the_called_number()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await http.OpenWindow(5);
        await http.TakeOk(new { categoryCode = "general" });
        await using var screen = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=window&window=5");
        Assert.Null((await screen.Next<HallStateView>("HallState")).Windows.Single(w => w.No == 5).Current);

        await http.ActOk(5, "call-next");
        await http.PostOk("/api/halls/xuanen/manage/notice", new { text = "请留意叫号" });   // a later message: the call's have all come before it
        var heard = await screen.Until("NoticePosted");

        var call = (CallView)Assert.Single(heard, m => m.Target == "TicketCalled").Body;
        Assert.Equal((5, WindowState.Open, "A001", TicketStatus.Called), (call.Window!.No, call.Window.State, call.Window.Current!.Number, call.Window.Current.Status));
        Assert.DoesNotContain(heard, m => m.Body is WindowChangedView w && w.Window.No == 5);
    }

    [Fact]
    public async Task Queue_counts_are_paced_for_busy_halls_and_the_newest_count_always_arrives()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await using var tv = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=display");
        await tv.Next<HallStateView>("HallState");
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => http.TakeOk(new { categoryCode = "general" })));
        var last = await silo.WhileTimePasses(tv.Next<QueueView>("QueueChanged", q => q.WaitingTotal == 40));
        Assert.Equal(40, last.Categories[0].Waiting);
        Assert.True(tv.Count("QueueChanged") < 40, $"{tv.Count("QueueChanged")} queue messages for 40 tickets: not coalesced");
    }

    [Fact]
    public async Task A_screen_that_reconnects_gets_the_current_state_again()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await using (var first = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=window&window=3"))
            await first.Next<HallStateView>("HallState");
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(3);
        await http.ActOk(3, "call-next");
        await using var again = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=window&window=3");
        var state = await again.Next<HallStateView>("HallState");
        Assert.Equal("A001", state.Windows[2].Current?.Number);
        Assert.Equal("A001", state.RecentCalls[0].TicketNumber);
    }

    [Fact]
    public async Task A_phone_follows_its_own_ticket_until_it_is_called()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        var mine = await http.TakeOk(new { categoryCode = "general" });
        await using var phone = await HubListener.Join(silo.BaseAddress, $"hall=xuanen&role=ticket&ticket={mine.GetProperty("id")}");
        Assert.Equal(1, (await phone.Next<TicketView>("TicketChanged")).PeopleAhead);
        await http.OpenWindow(7);
        await http.ActOk(7, "call-next");
        await phone.Next<QueueView>("QueueChanged");
        await http.ActOk(7, "complete");
        await http.ActOk(7, "call-next");
        var called = await phone.Next<TicketView>("TicketChanged", t => t.Status == TicketStatus.Called);
        Assert.Equal(("A002", 7, "7号综合窗口"), (called.Number, called.WindowNo, called.WindowName));
    }

    [Fact]
    public async Task Managers_hear_help_calls_and_an_unknown_hall_is_refused()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var admin = silo.Client();
        await admin.CreateUserOk("m1", "manager", "xuanen");
        var kiosk = silo.DeviceClient((await admin.PairOk("kiosk", "k1")).Token);
        var cookies = new CookieContainer();
        await silo.Client("m1", cookies).GetOk("/api/auth/me");   // the dashboard signs in, then joins with its cookie
        await using var manager = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=manager", cookies);
        await manager.Next<HallStateView>("HallState");
        Assert.Equal(HttpStatusCode.Accepted, (await kiosk.PostAsync("/api/halls/xuanen/help", null)).StatusCode);
        var alert = await manager.Next<AlertView>("Alert");
        Assert.Equal(("help", "k1"), (alert.Kind, alert.Source));

        var why = await HubListener.Refused(silo.BaseAddress, "hall=atlantis&role=display");
        Assert.Contains("atlantis", why.Message);
    }
}
