using Queue.Tests.Support;
using System.Collections.Concurrent;
using Queue.Displays.Tests.Panels;
using Queue.DisplayAgent;

namespace Queue.Displays.Tests.Agent;

/// <summary>
/// The real silo, two serial lines (socat pty pairs) with fake panels on the far ends, and a
/// display agent joined to hall xuanen. Windows 1–4: generic line bars on one bus; 5–6: Onbon
/// BX-5K cards on another; 6 also has a 7-segment counter on a third. The agent is paired as a manager pairs it and
/// carries its token in its config file, as an installer may put it there.
/// </summary>
public sealed class HallWithAgent : IAsyncLifetime
{
    public SiloProcess Silo { get; } = new();
    public SocatPair LineBus { get; } = SocatPair.Start();
    public SocatPair OnbonBus { get; } = SocatPair.Start();
    public SocatPair CounterBus { get; } = SocatPair.Start();
    public FakePanels Lines { get; private set; } = null!;
    public FakePanels Cards { get; private set; } = null!;
    public FakePanels Counters { get; private set; } = null!;
    public HallDisplayAgent Agent { get; private set; } = null!;
    /// <summary>The clerk console and kiosk calls, through the silo's REST API (HallApi).</summary>
    public HttpClient Api { get; private set; } = null!;
    public ConcurrentQueue<string> Log { get; } = new();
    readonly CancellationTokenSource _stop = new();
    Task _run = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await Silo.StartAsync();
        Api = Silo.Client();
        var (_, token, _) = await Api.PairOk("display-agent", "led-test");
        Lines = await FakePanels.StartAsync("generic-line", LineBus.DeviceEnd);
        Cards = await FakePanels.StartAsync("onbon-bx5k", OnbonBus.DeviceEnd);
        Counters = await FakePanels.StartAsync("seven-segment", CounterBus.DeviceEnd);
        var config = AgentConfig.Parse($$"""
            {
              "silo": "{{Silo.Url}}", "hallId": "xuanen", "agentId": "led-test", "token": "{{token}}",
              "probeSeconds": 1, "heartbeatSeconds": 2,
              "screens": [
                {{string.Join(",\n", Enumerable.Range(1, 4).Select(n =>
                    $$"""{ "id": "w{{n}}", "windowNo": {{n}}, "driver": "generic-line", "address": "{{LineBus.Address()}}", "options": { "panel": {{n}} } }"""))}},
                { "id": "w5", "windowNo": 5, "driver": "onbon-bx5k", "address": "{{OnbonBus.Address()}}", "options": { "screen": 5 } },
                { "id": "w6", "windowNo": 6, "driver": "onbon-bx5k", "address": "{{OnbonBus.Address()}}", "options": { "screen": 6 } },
                { "id": "c6", "windowNo": 6, "driver": "seven-segment", "address": "{{CounterBus.Address()}}", "options": { "counter": 6 } }
              ]
            }
            """);
        Agent = new HallDisplayAgent(config, log: Log.Enqueue);
        _run = Agent.RunAsync(_stop.Token);
    }

    /// <summary>What the panel of window <paramref name="windowNo"/> shows now.</summary>
    public string PanelText(int windowNo) => windowNo <= 4 ? Lines.Text(windowNo) : Cards.Text(windowNo);

    public async Task DisposeAsync()
    {
        _stop.Cancel();
        await _run;
        if (Agent is not null) await Agent.DisposeAsync();
        foreach (var fake in new[] { Lines, Cards, Counters })
            if (fake is not null) await fake.DisposeAsync();
        Api?.Dispose();
        LineBus.Dispose();
        OnbonBus.Dispose();
        CounterBus.Dispose();
        await Silo.DisposeAsync();
    }
}
