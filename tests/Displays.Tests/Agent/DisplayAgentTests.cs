using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.DisplayAgent;
using Queue.Screens;
using Queue.Screens.Drivers;
using Queue.Screens.Hall;
using Queue.Tests.Support;

namespace Queue.Displays.Tests.Agent;

/// <summary>The agent against the real silo: calls, pauses, a silo crash, a dead panel (issue 5), a revoked token (issue 10).</summary>
public sealed class DisplayAgentTests(HallWithAgent hall) : IClassFixture<HallWithAgent>
{
    async Task WaitForPanel(int windowNo, string text, TimeSpan timeout) =>
        await Wait.Until(() => hall.PanelText(windowNo) == text, timeout, $"window {windowNo}'s panel to show '{text}'",
            () => $"it shows '{hall.PanelText(windowNo)}'; agent log:\n{string.Join("\n", hall.Log)}");

    async Task<string> OpenAndCall(int windowNo)
    {
        await hall.Api.OpenWindow(windowNo);
        await hall.Api.TakeOk(General);
        return (await hall.Api.ActOk(windowNo, "call-next")).TicketNumber();
    }

    [Fact]
    public async Task A_call_made_through_the_REST_API_reaches_the_right_panel_within_a_second()
    {
        await WaitForPanel(2, "2号综合窗口", TimeSpan.FromSeconds(15)); // the agent is up and has the hall
        await WaitForPanel(1, "1号综合窗口", TimeSpan.FromSeconds(15)); // the neighbour is drawn before the call, not after
        await hall.Api.OpenWindow(2);
        await hall.Api.TakeOk(General);

        var clock = Stopwatch.StartNew();
        string number = (await hall.Api.ActOk(2, "call-next")).TicketNumber();
        await WaitForPanel(2, $"{number} 请到2号窗口", TimeSpan.FromSeconds(1));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        Assert.True(hall.Lines.Shown[2].Flash, "a new call flashes");
        Assert.Equal("1号综合窗口", hall.PanelText(1));

        // An Onbon card and the 7-segment counter of window 6 get the same call.
        string other = await OpenAndCall(6);
        await WaitForPanel(6, $"{other} 请到6号窗口", TimeSpan.FromSeconds(1));
        await hall.Counters.WaitFor(6, s => s.Text == other, TimeSpan.FromSeconds(1), other);
    }

    [Fact]
    public async Task Pausing_a_window_shows_the_pause_text()
    {
        await WaitForPanel(3, "3号综合窗口", TimeSpan.FromSeconds(15));
        await hall.Api.OpenWindow(3);

        await hall.Api.ActOk(3, "pause");
        await WaitForPanel(3, "暂停服务", TimeSpan.FromSeconds(1));

        await hall.Api.ActOk(3, "resume");
        await WaitForPanel(3, "3号综合窗口", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task After_the_silo_is_killed_and_started_again_every_panel_is_right_within_5_seconds()
    {
        string four = await OpenAndCall(4);
        await WaitForPanel(4, $"{four} 请到4号窗口", TimeSpan.FromSeconds(5));

        hall.Silo.Kill();
        await Wait.Until(() => hall.Agent.HubState != HubConnectionState.Connected, TimeSpan.FromSeconds(10), "the agent to notice");
        // The panels lose power meanwhile: only a rebuild from HallState can put them right.
        hall.Lines.Shown.Clear();
        hall.Cards.Shown.Clear();
        await Task.Delay(1500);   // the silo stays down a while, as in a real outage: time itself is the condition
        await hall.Silo.StartAsync();
        var clock = Stopwatch.StartNew();
        // A call the agent may miss while it reconnects: HallState must carry it.
        await hall.Api.TakeOk(General);
        await hall.Api.ActOk(4, "complete");
        string next = (await hall.Api.ActOk(4, "call-next")).TicketNumber();

        var expected = await ExpectedTexts();
        await Wait.Until(() => expected.All(e => hall.PanelText(e.Key) == e.Value), TimeSpan.FromSeconds(5), "every panel right",
            () => string.Join(", ", expected.Select(e => $"{e.Key}: want '{e.Value}' has '{hall.PanelText(e.Key)}'"))
                + "\nagent log:\n" + string.Join("\n", hall.Log));
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal($"{next} 请到4号窗口", expected[4]);
    }

    [Fact]
    public async Task A_panel_that_stops_answering_is_reported_unhealthy_to_the_manager()
    {
        await WaitForPanel(1, "1号综合窗口", TimeSpan.FromSeconds(15));
        hall.Lines.Silent[1] = true;
        try
        {
            await Wait.Until(() => hall.Agent.Screens.Single(s => s.Config.Id == "w1").Health is { Healthy: false }, TimeSpan.FromSeconds(5), "w1 unhealthy");
            var alert = await PollAlert("display:led-test:w1", TimeSpan.FromSeconds(15));
            Assert.Equal("display", alert.GetProperty("kind").GetString());
            Assert.Contains("1 号窗口", alert.GetProperty("message").GetString());
            Assert.True(hall.Agent.Screens.Where(s => s.Config.Id != "w1").All(s => s.Health.Healthy));
        }
        finally { hall.Lines.Silent.TryRemove(1, out _); }
        await Wait.Until(() => hall.Agent.Screens.Single(s => s.Config.Id == "w1").Health.Healthy, TimeSpan.FromSeconds(5), "w1 healthy again");
    }

    [Fact]
    public async Task An_agent_whose_token_is_revoked_says_so_once_is_cut_from_the_hub_and_keeps_running()
    {
        var (deviceId, token, _) = await hall.Api.PairOk("display-agent", "led-revoked");
        var config = AgentConfig.Parse($$"""
            { "silo": "{{hall.Silo.Url}}", "hallId": "xuanen", "agentId": "led-revoked", "token": "{{token}}", "heartbeatSeconds": 0.5,
              "screens": [ { "id": "w7", "windowNo": 7, "driver": "emulator" } ] }
            """);
        var log = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        await using var agent = new HallDisplayAgent(config, log: log.Enqueue);
        var run = agent.RunAsync(stop.Token);
        string Log() => "agent log:\n" + string.Join("\n", log);
        await Wait.Until(() => log.Contains("heartbeat: delivered"), TimeSpan.FromSeconds(15), "the token to be accepted", Log);

        using (var revoked = await hall.Api.DeleteAsync($"/api/halls/xuanen/manage/devices/{deviceId}"))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        static bool Refused(string line) => line.Contains("设备令牌无效或已撤销，请在管理后台重新配对") && line.Contains("The device token is invalid or revoked");
        await Wait.Until(() => log.Any(Refused), TimeSpan.FromSeconds(10), "the agent to say its token is refused", Log);
        // Revoked means cut: the hub refuses the token too (a stolen agent must not follow the hall), and the agent keeps
        // trying, so a new pairing brings it back without a visit to restart it.
        await Wait.Until(() => log.Any(l => l.StartsWith("hub: cannot connect") && l.Contains("'401'")), TimeSpan.FromSeconds(10),
            "the hub to refuse the revoked token", Log);
        // It goes on beating at its pace and does not repeat itself.
        var beats = agent.HeartbeatsSent;
        await Wait.Until(() => agent.HeartbeatsSent >= beats + 3, TimeSpan.FromSeconds(10), "three more heartbeats", Log);
        Assert.Single(log, Refused);
        Assert.False(run.IsCompleted, Log());

        stop.Cancel();
        await run;
    }

    [Fact]
    public async Task An_agent_that_misses_a_call_sees_the_next_number_skip_and_fetches_the_hall_again()
    {
        await using var relay = await FrameDroppingRelay.StartAsync(hall.Silo.Url);
        var config = AgentConfig.Parse($$"""
            { "silo": "{{relay.Url}}", "hallId": "xuanen", "agentId": "led-relayed", "screens": [ { "id": "w8", "windowNo": 8, "driver": "emulator" } ] }
            """);
        var log = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        await using var agent = new HallDisplayAgent(config, log: log.Enqueue);
        var run = agent.RunAsync(stop.Token);
        string Log() => "agent log:\n" + string.Join("\n", log);
        await hall.Api.OpenWindow(8);
        await Wait.Until(() => agent.Hall?.Window(8) is { State: Queue.Hall.WindowState.Open }, TimeSpan.FromSeconds(15), "the agent to know window 8 open", Log);

        var dropped = relay.DropNext(text => text.Contains("\"target\":\"TicketCalled\""));
        await hall.Api.TakeOk(General);
        var missed = (await hall.Api.ActOk(8, "call-next")).TicketNumber();
        await dropped.WaitAsync(TimeSpan.FromSeconds(10));
        await hall.Api.TakeOk(General);   // the hall goes on: its next message shows the skipped number
        // Only a state fetched again holds the call in its recent calls (the call itself never arrived).
        await Wait.Until(() => agent.Hall?.Snapshot.RecentCalls.FirstOrDefault()?.TicketNumber == missed, TimeSpan.FromSeconds(2),
            $"the agent's state to hold the missed call {missed}", Log);
        Assert.Contains(log, l => l.StartsWith("hub: a message was missed; the hall's state fetched again"));

        await hall.Api.ActOk(8, "complete");
        stop.Cancel();
        await run;
    }

    Task<JsonElement> PollAlert(string key, TimeSpan timeout) =>
        Wait.For(() => hall.Api.Alert(key), timeout, $"the alert {key}", () => "agent log:\n" + string.Join("\n", hall.Log));

    static readonly object General = new { categoryCode = "general" };

    /// <summary>What each panel must show, from the silo's own state and the agent's rules.</summary>
    async Task<Dictionary<int, string>> ExpectedTexts()
    {
        var state = await hall.Api.GetFromJsonAsync<HallStateView>("/api/halls/xuanen", HallConnection.Json);
        var view = HallView.From(state!, DateTimeOffset.UtcNow);
        return Enumerable.Range(1, 6).ToDictionary(n => n, n => ScreenRules.Decide(view, n, DateTimeOffset.UtcNow, false, ScreenStyle.Default).Text);
    }
}
