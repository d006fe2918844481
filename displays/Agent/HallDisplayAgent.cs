using System.Text.Json;
using System.Threading.Channels;
using Queue.HubClient;
using Queue.Screens;
using Queue.Screens.Drivers;
using Queue.Screens.Hall;

namespace Queue.DisplayAgent;

/// <summary>
/// Joins /hubs/hall?hall=H&amp;role=display, mirrors the hall (HallView) and keeps every configured
/// screen showing what <see cref="ScreenRules"/> says; rebuilds all screens from each HallState
/// (first message of every connection), and reports screen health to the silo.
/// </summary>
public sealed class HallDisplayAgent : IAsyncDisposable
{
    static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    readonly AgentConfig _config;
    readonly ScreenStyle _style;
    readonly Action<string> _log;
    readonly DeviceBuses _buses = new();
    readonly Channel<Update> _updates = Channel.CreateUnbounded<Update>();
    readonly HallHubClient _hub;
    readonly Heartbeat _heartbeat;
    readonly EmulatorBoard? _board;
    DateTimeOffset? _disconnectedSince;
    volatile bool _joined;

    /// <summary>A hub message turned into a step on the hall view; Rebuild re-sends every screen.</summary>
    sealed record Update(Func<HallView?, DateTimeOffset, HallView?> Apply, bool Rebuild = false);

    public HallDisplayAgent(AgentConfig config, string? baseDirectory = null, Action<string>? log = null)
    {
        _config = config;
        _style = config.Style();
        _log = log ?? (_ => { });
        Screens = [.. config.Screens.Select(s => new ScreenSlot(s, ScreenDrivers.Create(s, _buses, baseDirectory),
            TimeSpan.FromSeconds(config.ProbeSeconds), _log))];
        _hub = new HallHubClient(config.HubUrl(), new HubClientOptions
        {
            ReconnectMaxDelay = TimeSpan.FromSeconds(config.ReconnectMaxDelaySeconds),
        });
        _heartbeat = new Heartbeat(config, Screens, _log);
        foreach (var slot in Screens) slot.HealthChanged += _ => _heartbeat.Soon();
        if (config.EmulatorPage is { } page) _board = new EmulatorBoard(Path.GetFullPath(page, baseDirectory ?? Environment.CurrentDirectory), Screens);
        Listen();
    }

    public IReadOnlyList<ScreenSlot> Screens { get; }
    /// <summary>The hall as last known; null before the first HallState.</summary>
    public HallView? Hall { get; private set; }
    public HubClientState HubState => _hub.State;

    void Listen()
    {
        _hub.On("HallState", a => Post(a, e => { var s = HallMessages.Snapshot(e); _joined = true; return new((_, now) => HallView.From(s, now), Rebuild: true); }));
        _hub.On("WindowChanged", a => Post(a, e => { var m = HallMessages.Changed(e); return new((h, _) => h?.Apply(m)); }));
        _hub.On("TicketCalled", a => Post(a, e => { var m = HallMessages.Called(e); return new((h, now) => h?.Apply(m, now)); }));
        _hub.Reconnecting += e => { _disconnectedSince ??= DateTimeOffset.UtcNow; _log($"hub: connection lost ({e?.Message}); reconnecting"); };
        _hub.Reconnected += () => { _disconnectedSince = null; _log("hub: reconnected"); };
        _hub.Closed += e => { _disconnectedSince ??= DateTimeOffset.UtcNow; if (e is not null) _log($"hub: closed by the server ({e.Message})"); };
        _hub.HandlerFailed += (target, e) => _log($"hub: could not read {target}: {e.Message}");
    }

    void Post(JsonElement[] args, Func<JsonElement, Update> read)
    {
        if (args.Length > 0) _updates.Writer.TryWrite(read(args[0]));
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled; never gives up on the silo.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _log($"agent {_config.AgentId}: {Screens.Count} screens, hall {_config.HallId} at {_config.Silo}");
        var tasks = Screens.Select(s => s.RunAsync(ct)).ToList();
        tasks.Add(_heartbeat.RunAsync(ct));
        tasks.Add(KeepConnectedAsync(ct));
        tasks.Add(ApplyLoopAsync(ct));
        try { await Task.WhenAll(tasks); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>
    /// StartAsync does not retry a failed first connect, and a server Close without allowReconnect
    /// (e.g. an unknown hall) ends the client: start again, slower each time until a HallState arrives.
    /// </summary>
    async Task KeepConnectedAsync(CancellationToken ct)
    {
        var options = new HubClientOptions { ReconnectMaxDelay = TimeSpan.FromSeconds(_config.ReconnectMaxDelaySeconds) };
        for (int attempt = 0; !ct.IsCancellationRequested; await Task.Delay(TimeSpan.FromMilliseconds(500), ct))
        {
            if (_joined) attempt = 0;
            if (_hub.State != HubClientState.Disconnected) continue;
            _joined = false;
            if (attempt > 0) await Task.Delay(Backoff(attempt - 1, options), ct);
            try
            {
                await _hub.StartAsync(ct);
                _disconnectedSince = null;
                if (attempt == 0) _log("hub: connected");
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                _disconnectedSince ??= DateTimeOffset.UtcNow;
                if (attempt == 0) _log($"hub: cannot connect to {_config.Silo} ({e.Message}); retrying");
            }
            attempt++;
        }
    }

    static TimeSpan Backoff(int attempt, HubClientOptions o) => TimeSpan.FromMilliseconds(Math.Min(
        o.ReconnectMaxDelay.TotalMilliseconds, o.ReconnectInitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20))));

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
        foreach (var slot in Screens) await slot.Driver.DisposeAsync();
        await _buses.DisposeAsync();
        _heartbeat.Dispose();
    }
}
