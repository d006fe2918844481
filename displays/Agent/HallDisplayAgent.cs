using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Screens;
using Queue.Screens.Drivers;
using Queue.Screens.Hall;

namespace Queue.DisplayAgent;

/// <summary>
/// Joins /hubs/hall?hall=H&amp;role=display, mirrors the hall (HallView) and keeps every configured
/// screen showing what <see cref="ScreenRules"/> says; rebuilds all screens from each HallState
/// (first message of every connection), and reports screen health to the silo. The hub role is open to anyone; the
/// heartbeats need the agent's device token, and a refused token never stops the screens.
/// </summary>
public sealed class HallDisplayAgent : IAsyncDisposable
{
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    readonly AgentConfig _config;
    readonly ScreenStyle _style;
    readonly Action<string> _log;
    readonly DeviceBuses _buses = new();
    readonly Channel<Update> _updates = Channel.CreateUnbounded<Update>();
    readonly HubBackoff _backoff;
    readonly HubConnection _hub;
    readonly Heartbeat _heartbeat;
    readonly EmulatorBoard? _board;
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    DateTimeOffset? _disconnectedSince;
    CancellationToken _stopping;

    /// <summary>A hub message turned into a step on the hall view; Rebuild re-sends every screen.</summary>
    sealed record Update(Func<HallView?, DateTimeOffset, HallView?> Apply, bool Rebuild = false);

    public HallDisplayAgent(AgentConfig config, string? baseDirectory = null, Action<string>? log = null)
    {
        _config = config;
        _style = config.Style();
        _log = log ?? (_ => { });
        Screens = [.. config.Screens.Select(s => new ScreenSlot(s, ScreenDrivers.Create(s, _buses, baseDirectory),
            TimeSpan.FromSeconds(config.ProbeSeconds), _log))];
        _backoff = HubBackoff.Default with { Max = TimeSpan.FromSeconds(config.ReconnectMaxDelaySeconds) };
        _hub = HallConnection.Build(config.HubUrl(), _backoff, config.Token);
        _heartbeat = new Heartbeat(config, Screens, _log);
        foreach (var slot in Screens) slot.HealthChanged += _ => _heartbeat.Soon();
        if (config.EmulatorPage is { } page) _board = new EmulatorBoard(Path.GetFullPath(page, baseDirectory ?? Environment.CurrentDirectory), Screens);
        Listen();
    }

    public IReadOnlyList<ScreenSlot> Screens { get; }
    /// <summary>The hall as last known; null before the first HallState.</summary>
    public HallView? Hall { get; private set; }
    public HubConnectionState HubState => _hub.State;
    /// <summary>Heartbeats sent so far, delivered or refused.</summary>
    public int HeartbeatsSent => _heartbeat.Sent;

    void Listen()
    {
        // HallState is the first message of every connection: the hall is known again, whatever was missed.
        _hub.On<HallStateView>(nameof(IHallClient.HallState), s => { _disconnectedSince = null; Post(new((_, now) => HallView.From(s, now), Rebuild: true)); });
        _hub.On<WindowChangedView>(nameof(IHallClient.WindowChanged), m => Post(new((h, _) => h?.Apply(m))));
        _hub.On<CallView>(nameof(IHallClient.TicketCalled), m => Post(new((h, now) => h?.Apply(m, now))));
        _hub.OnMissed(() => _ = RefetchAsync());
        _hub.Reconnecting += e => { Lost(); _log($"hub: connection lost ({e?.Message}); reconnecting"); return Task.CompletedTask; };
        _hub.Reconnected += _ => { _log("hub: reconnected"); return Task.CompletedTask; };
        _hub.Closed += e =>
        {
            Lost();
            // Without an error it is the silo's own cut (this agent's token revoked, say): started again all the same.
            if (!_stopping.IsCancellationRequested) _log($"hub: closed by the server ({e?.Message ?? "connection cut"}); starting again");
            return Task.CompletedTask;
        };
    }

    void Post(Update update) => _updates.Writer.TryWrite(update);

    /// <summary>A message of the hall was lost between silos: the state again, unless what came since is newer.</summary>
    async Task RefetchAsync()
    {
        try
        {
            if (await _http.GetFromJsonAsync<HallStateView>(_config.StateUrl(), HallConnection.Json, _stopping) is not { } s) return;
            _log($"hub: a message was missed; the hall's state fetched again (seq {s.Seq})");
            Post(new((h, now) => h is null || s.Seq > h.LastSeq ? HallView.From(s, now) : h, Rebuild: true));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !_stopping.IsCancellationRequested)
        {
            _log($"hub: a message was missed and the state could not be fetched ({e.Message}); the next reconnection brings it");
        }
    }

    void Lost() => _disconnectedSince ??= DateTimeOffset.UtcNow;

    /// <summary>Runs until <paramref name="ct"/> is cancelled; never gives up on the silo.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _stopping = ct;
        _log($"agent {_config.AgentId}: {Screens.Count} screens, hall {_config.HallId} at {_config.Silo}");
        var tasks = Screens.Select(s => s.RunAsync(ct)).ToList();
        tasks.Add(_heartbeat.RunAsync(ct));
        tasks.Add(KeepConnectedAsync(ct));
        tasks.Add(ApplyLoopAsync(ct));
        try { await Task.WhenAll(tasks); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    async Task KeepConnectedAsync(CancellationToken ct)
    {
        await _hub.KeepStartedAsync(_backoff, ct, (e, attempt) =>
        {
            Lost();
            if (attempt == 0) _log($"hub: cannot connect to {_config.Silo} ({e.Message}); retrying");
        });
        _log("hub: connected");
    }

    async Task ApplyLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            bool rebuild = false;
            while (_updates.Reader.TryRead(out var update))
            {
                Hall = update.Apply(Hall, now);
                rebuild |= update.Rebuild;
            }
            if (Hall is { } hall) // until the first HallState, leave panels as they are
            {
                bool stale = _disconnectedSince is { } since && now - since > TimeSpan.FromSeconds(_config.StaleAfterSeconds);
                foreach (var slot in Screens)
                    slot.Want(ScreenRules.Decide(hall, slot.Config.WindowNo, now, stale, _style), rebuild);
            }
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
            tick.CancelAfter(Tick);
            try { await _updates.Reader.WaitToReadAsync(tick.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
        foreach (var slot in Screens) await slot.Driver.DisposeAsync();
        await _buses.DisposeAsync();
        _heartbeat.Dispose();
    }
}
