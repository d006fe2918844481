using System.Collections.Concurrent;
using System.Text.Json;

namespace Queue.HubClient;

/// <summary>
/// A HubConnection-like client of the SignalR JSON hub protocol: skip-negotiation WebSocket,
/// keep-alive pings, server-timeout watchdog and automatic reconnect that never gives up
/// until <see cref="StopAsync"/> or <see cref="DisposeAsync"/>.
/// </summary>
public sealed partial class HallHubClient : IAsyncDisposable
{
    readonly Uri _url;
    readonly HubClientOptions _options;
    readonly Dictionary<string, Action<JsonElement[]>[]> _handlers = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement?>> _pending = new();
    readonly Lock _gate = new();
    CancellationTokenSource _lifetime = new();
    Task _run = Task.CompletedTask;
    volatile HubSocket? _socket;
    volatile HubClientState _state = HubClientState.Disconnected;
    long _nextInvocationId;
    bool _disposed;
    volatile bool _stopping;

    /// <param name="hubUrl">ws://, wss://, http:// or https:// url of the hub including its query, e.g. /hubs/hall?hall=xuanen&amp;role=display.</param>
    public HallHubClient(Uri hubUrl, HubClientOptions? options = null)
    {
        _url = hubUrl;
        _options = options ?? new HubClientOptions();
        HubSocket.ToWebSocketUri(hubUrl); // fail early on a wrong scheme
    }

    public HubClientState State => _state;

    /// <summary>The connection broke; the client is trying again. Argument: why it broke.</summary>
    public event Action<Exception?>? Reconnecting;
    /// <summary>A new connection is up. Handlers stay registered, but groups and missed messages are gone: resync.</summary>
    public event Action? Reconnected;
    /// <summary>Stopped for good: by StopAsync/DisposeAsync (null), or the server closed without allowReconnect.</summary>
    public event Action<Exception?>? Closed;
    /// <summary>A handler threw; the connection carries on.</summary>
    public event Action<string, Exception>? HandlerFailed;

    /// <summary>Registers a handler for server-to-client invocations of <paramref name="target"/> (case-insensitive).</summary>
    public void On(string target, Action<JsonElement[]> handler)
    {
        lock (_gate)
            _handlers[target] = _handlers.TryGetValue(target, out var list) ? [.. list, handler] : [handler];
    }

    public async Task StartAsync(CancellationToken ct = default)
    {
        CancellationTokenSource lifetime;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_state != HubClientState.Disconnected)
                throw new InvalidOperationException($"The hub client is already {_state}.");
            _state = HubClientState.Connecting;
            _stopping = false;
            _lifetime = lifetime = new CancellationTokenSource();
        }
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lifetime.Token);
            var socket = await HubSocket.ConnectAsync(_url, _options, linked.Token);
            _socket = socket;
            _state = HubClientState.Connected;
            _run = Task.Run(() => RunAsync(socket, lifetime.Token));
        }
        catch
        {
            _state = HubClientState.Disconnected;
            throw;
        }
    }

    public Task<T?> InvokeAsync<T>(string target, params object?[] args) => InvokeAsync<T>(target, args, default);

    /// <summary>Calls a hub method and waits for its completion; a server error throws <see cref="HubInvocationException"/>.</summary>
    public async Task<T?> InvokeAsync<T>(string target, object?[] args, CancellationToken ct)
    {
        var socket = _socket ?? throw NotConnected();
        string id = Interlocked.Increment(ref _nextInvocationId).ToString();
        var done = new TaskCompletionSource<JsonElement?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        using var registration = ct.Register(() => { if (_pending.TryRemove(id, out var p)) p.TrySetCanceled(ct); });
        try
        {
            await socket.SendAsync(HubMessages.Invocation(id, target, args, _options.JsonOptions), ct);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }
        var result = await done.Task;
        if (result is not { } element || element.ValueKind == JsonValueKind.Null) return default;
        return typeof(T) == typeof(JsonElement) ? (T)(object)element : element.Deserialize<T>(_options.JsonOptions);
    }

    public Task SendAsync(string target, params object?[] args) => SendAsync(target, args, default);

    /// <summary>Fire-and-forget invocation: no invocationId, the server sends no completion.</summary>
    public Task SendAsync(string target, object?[] args, CancellationToken ct)
    {
        var socket = _socket ?? throw NotConnected();
        return socket.SendAsync(HubMessages.Invocation(null, target, args, _options.JsonOptions), ct);
    }

    /// <summary>Closes the connection and stops reconnecting; <see cref="StartAsync"/> may be called again.</summary>
    public async Task StopAsync()
    {
        CancellationTokenSource lifetime;
        Task run;
        lock (_gate) (lifetime, run) = (_lifetime, _run);
        _stopping = true; // our own Close record must not read as the server's
        if (_socket is { } socket) await socket.CloseAsync();
        lifetime.Cancel();
        await run;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate) _disposed = true;
        await StopAsync();
    }

    InvalidOperationException NotConnected() => new($"The hub client is not connected (state {_state}).");
}

/// <summary>Capped exponential backoff with jitter.</summary>
internal static class Backoff
{
    public static TimeSpan Delay(int attempt, HubClientOptions o, double random01)
    {
        double ms = Math.Min(o.ReconnectMaxDelay.TotalMilliseconds,
            o.ReconnectInitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        ms *= 1 + o.ReconnectJitter * (2 * random01 - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }
}
