using System.Net.Http.Json;
using Queue.HubClient;

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
        var state = await tv.Next("HallState");
        Assert.Equal("宣恩县市民之家", state.GetProperty("name").GetString());
        Assert.Equal(1, state.GetProperty("waitingTotal").GetInt32());

        await http.OpenWindow(5);
        await http.ActOk(5, "call-next");
        var call = await tv.Next("TicketCalled");
        Assert.Equal(("A001", 5, "5号综合窗口", "综合受理"), (call.GetProperty("ticketNumber").GetString(), call.GetProperty("windowNo").GetInt32(),
            call.GetProperty("windowName").GetString(), call.GetProperty("categoryName").GetString()));
        Assert.Equal("请 A001 号 到 5 号窗口 办理", call.GetProperty("announcement").GetString());
        Assert.True(call.GetProperty("seq").GetInt64() > state.GetProperty("seq").GetInt64());
        Assert.False(call.TryGetProperty("ticketId", out _));   // a public screen never learns the phone link
        var window = await tv.Next("WindowChanged", w => w.GetProperty("window").GetProperty("current").ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal("A001", window.GetProperty("window").GetProperty("current").GetProperty("number").GetString());
        var queue = await tv.Next("QueueChanged", q => q.GetProperty("waitingTotal").GetInt32() == 0);
        Assert.Equal(0, queue.GetProperty("categories")[0].GetProperty("waiting").GetInt32());

        await http.ActOk(5, "recall");
        Assert.True((await tv.Next("TicketCalled")).GetProperty("isRecall").GetBoolean());
    }

    [Fact]
    public async Task Queue_counts_are_paced_for_busy_halls_and_the_newest_count_always_arrives()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await using var tv = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=display");
        await tv.Next("HallState");
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => http.TakeOk(new { categoryCode = "general" })));
        var last = await tv.Next("QueueChanged", q => q.GetProperty("waitingTotal").GetInt32() == 40);
        Assert.Equal(40, last.GetProperty("categories")[0].GetProperty("waiting").GetInt32());
        Assert.True(tv.Count("QueueChanged") < 40, $"{tv.Count("QueueChanged")} queue messages for 40 tickets: not coalesced");
    }

    [Fact]
    public async Task A_screen_that_reconnects_gets_the_current_state_again()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await using (var first = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=window&window=3"))
            await first.Next("HallState");
        await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(3);
        await http.ActOk(3, "call-next");
        await using var again = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=window&window=3");
        var state = await again.Next("HallState");
        Assert.Equal("A001", state.GetProperty("windows")[2].GetProperty("current").GetProperty("number").GetString());
        Assert.Equal("A001", state.GetProperty("recentCalls")[0].GetProperty("ticketNumber").GetString());
    }

    [Fact]
    public async Task A_phone_follows_its_own_ticket_until_it_is_called()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await http.TakeOk(new { categoryCode = "general" });
        var mine = await http.TakeOk(new { categoryCode = "general" });
        await using var phone = await HubListener.Join(silo.BaseAddress, $"hall=xuanen&role=ticket&ticket={mine.GetProperty("id")}");
        Assert.Equal(1, (await phone.Next("TicketChanged")).GetProperty("peopleAhead").GetInt32());
        await http.OpenWindow(7);
        await http.ActOk(7, "call-next");
        await phone.Next("QueueChanged");
        await http.ActOk(7, "complete");
        await http.ActOk(7, "call-next");
        var called = await phone.Next("TicketChanged", t => t.GetProperty("status").GetString() == "called");
        Assert.Equal(("A002", 7, "7号综合窗口"), (called.GetProperty("number").GetString(), called.GetProperty("windowNo").GetInt32(), called.GetProperty("windowName").GetString()));
    }

    [Fact]
    public async Task Managers_hear_help_calls_and_an_unknown_hall_is_refused()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        await using var manager = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=manager");
        await manager.Next("HallState");
        await http.PostAsJsonAsync("/api/halls/xuanen/help", new { kioskId = "k1" });
        var alert = await manager.Next("Alert");
        Assert.Equal(("help", "k1"), (alert.GetProperty("kind").GetString(), alert.GetProperty("source").GetString()));

        var closed = new TaskCompletionSource<Exception?>();
        await using var stray = new HallHubClient(new Uri(silo.BaseAddress, "/hubs/hall?hall=atlantis&role=display"));
        var gotState = false;
        stray.On("HallState", _ => gotState = true);
        stray.Closed += e => closed.TrySetResult(e);
        try { await stray.StartAsync(); } catch (Exception e) { closed.TrySetResult(e); }
        var why = await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("atlantis", why?.Message);
        Assert.False(gotState);
    }
}
