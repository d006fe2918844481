using System.Net.WebSockets;
using System.Text.Json;

namespace Queue.HubClient;

/// <summary>
/// One WebSocket connection after a successful handshake: reads records, sends under one lock,
/// pings when idle and aborts itself when the server has been silent too long.
/// A reconnect always makes a new one (new connectionId, groups and missed messages lost).
/// </summary>
internal sealed class HubSocket : IAsyncDisposable
{
    readonly ClientWebSocket _ws;
    readonly HubClientOptions _options;
    readonly RecordBuffer _buffer = new();
    readonly SemaphoreSlim _sendLock = new(1, 1);
    readonly CancellationTokenSource _stop = new();
    long _lastSent = Environment.TickCount64, _lastReceived = Environment.TickCount64;
    Task _keepAlive = Task.CompletedTask;

    HubSocket(ClientWebSocket ws, HubClientOptions options) => (_ws, _options) = (ws, options);

    /// <summary>True when the watchdog closed the socket because nothing came in for ServerTimeout.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>From the server's Close record; a bare socket close leaves it true.</summary>
    public bool AllowReconnect { get; set; } = true;

    public static async Task<HubSocket> ConnectAsync(Uri url, HubClientOptions options, CancellationToken ct)
    {
        var ws = new ClientWebSocket();
        options.ConfigureWebSocket?.Invoke(ws.Options);
        var socket = new HubSocket(ws, options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.HandshakeTimeout);
        try
        {
            await ws.ConnectAsync(ToWebSocketUri(url), timeout.Token);
            await socket.SendAsync(HubMessages.Handshake, timeout.Token);
            var answer = await socket.ReadRecordAsync(timeout.Token)
                ?? throw new HubConnectionLostException("The server closed the connection during the handshake.");
            using (var doc = JsonDocument.Parse(answer))
            {
                if (doc.RootElement.TryGetProperty("error", out var error))
                    throw new HubInvocationException($"The server refused the handshake: {error}");
            }
            // The server arms its client timeout only after our first message (HARDWARE.md §0.4).
            await socket.SendAsync(HubMessages.Ping, timeout.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            ws.Dispose();
            throw new TimeoutException($"Connecting to {url} took longer than {options.HandshakeTimeout}.");
        }
        catch
        {
            ws.Dispose();
            throw;
        }
    }

    /// <summary>http(s) urls become ws(s); the query (hall, role, window) is kept.</summary>
    public static Uri ToWebSocketUri(Uri url) => url.Scheme switch
    {
        "http" => new UriBuilder(url) { Scheme = "ws" }.Uri,
        "https" => new UriBuilder(url) { Scheme = "wss" }.Uri,
        "ws" or "wss" => url,
        _ => throw new ArgumentException($"Hub url must be http, https, ws or wss: {url}", nameof(url)),
    };

    public void StartKeepAlive() => _keepAlive = KeepAliveAsync(_stop.Token);

    /// <summary>The next complete record, or null when the server closed the WebSocket.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReadRecordAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_buffer.TryTakeRecord(out var record)) return record;
            var result = await _ws.ReceiveAsync(_buffer.GetWriteMemory(), ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            _buffer.Advance(result.Count);
            Volatile.Write(ref _lastReceived, Environment.TickCount64);
        }
    }

    public async Task SendAsync(byte[] record, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct);
        try
        {
            await _ws.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, ct);
            Volatile.Write(ref _lastSent, Environment.TickCount64);
        }
        finally { _sendLock.Release(); }
    }

    async Task KeepAliveAsync(CancellationToken ct)
    {
        var smallest = Math.Min(_options.KeepAliveInterval.TotalMilliseconds, _options.ServerTimeout.TotalMilliseconds);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(smallest / 4, 10, 1000)));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                long now = Environment.TickCount64;
                if (now - Volatile.Read(ref _lastReceived) >= _options.ServerTimeout.TotalMilliseconds)
                {
                    TimedOut = true;
                    _ws.Abort(); // wakes the pending receive with an exception
                    return;
                }
                if (now - Volatile.Read(ref _lastSent) >= _options.KeepAliveInterval.TotalMilliseconds)
                {
                    try { await SendAsync(HubMessages.Ping, ct); }
                    catch (Exception) when (!ct.IsCancellationRequested) { /* the receive side will notice */ }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Polite close: a Close record and a WebSocket close, each bounded by a short wait.</summary>
    public async Task CloseAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            if (_ws.State == WebSocketState.Open)
            {
                await SendAsync(HubMessages.Close, cts.Token);
                await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
        }
        catch (Exception) { /* already broken: Dispose aborts */ }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _keepAlive; } catch (OperationCanceledException) { }
        _ws.Abort();
        _ws.Dispose();
        _stop.Dispose();
    }
}
