using System.Text.Json;

namespace Queue.HubClient;

/// <summary>The connection's life: receive loop, dispatch of records, reconnect with backoff.</summary>
public sealed partial class HallHubClient
{
    async Task RunAsync(HubSocket socket, CancellationToken ct)
    {
        Exception? closedBy = null;
        while (true)
        {
            var error = await ReceiveUntilBrokenAsync(socket, ct);
            _socket = null;
            bool allowReconnect = socket.AllowReconnect;
            await socket.DisposeAsync();
            FailPending(error);
            if (ct.IsCancellationRequested || _stopping) break;
            if (!allowReconnect) { closedBy = error; break; }

            _state = HubClientState.Reconnecting;
            Raise(() => Reconnecting?.Invoke(error));
            var next = await ReconnectAsync(ct);
            if (next is null) break;
            socket = next;
            _socket = socket;
            _state = HubClientState.Connected;
            Raise(() => Reconnected?.Invoke());
        }
        _state = HubClientState.Disconnected;
        Raise(() => Closed?.Invoke(closedBy));
    }

    async Task<HubSocket?> ReconnectAsync(CancellationToken ct)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                await Task.Delay(Backoff.Delay(attempt, _options, Random.Shared.NextDouble()), ct);
                return await HubSocket.ConnectAsync(_url, _options, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return null; }
            catch (Exception) { /* server still away: try again, slower */ }
        }
    }

    /// <summary>Reads and dispatches records until the connection ends; returns why it ended.</summary>
    async Task<Exception?> ReceiveUntilBrokenAsync(HubSocket socket, CancellationToken ct)
    {
        socket.StartKeepAlive();
        try
        {
            while (true)
            {
                var record = await socket.ReadRecordAsync(ct);
                if (record is null) return new HubConnectionLostException("The server closed the WebSocket.");
                if (Dispatch(socket, record.Value) is { } closed) return closed;
            }
        }
        catch (Exception ex)
        {
            if (socket.TimedOut)
                return new TimeoutException($"No message from the server for {_options.ServerTimeout.TotalSeconds} s.");
            return ex;
        }
    }

    /// <summary>Handles one record; returns an exception when it was a Close.</summary>
    Exception? Dispatch(HubSocket socket, ReadOnlyMemory<byte> record)
    {
        using var doc = JsonDocument.Parse(record);
        var root = doc.RootElement;
        int type = root.TryGetProperty("type", out var t) && t.TryGetInt32(out var n) ? n : 0;
        switch (type)
        {
            case 1: // invocation
                string target = root.GetProperty("target").GetString() ?? "";
                var args = root.TryGetProperty("arguments", out var a)
                    ? a.EnumerateArray().Select(e => e.Clone()).ToArray() : [];
                if (root.TryGetProperty("invocationId", out var callId) && callId.GetString() is { } cid)
                    _ = ReplyNoResultAsync(socket, cid, target);
                Action<JsonElement[]>[]? handlers;
                lock (_gate) _handlers.TryGetValue(target, out handlers);
                foreach (var handler in handlers ?? [])
                {
                    try { handler(args); }
                    catch (Exception ex) { Raise(() => HandlerFailed?.Invoke(target, ex)); }
                }
                return null;
            case 3: // completion
                string id = root.GetProperty("invocationId").GetString() ?? "";
                if (!_pending.TryRemove(id, out var pending)) return null;
                if (root.TryGetProperty("error", out var error))
                    pending.TrySetException(new HubInvocationException(error.GetString() ?? "Unknown hub error."));
                else
                    pending.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : null);
                return null;
            case 7: // close
                socket.AllowReconnect = root.TryGetProperty("allowReconnect", out var allow) && allow.ValueKind == JsonValueKind.True;
                return root.TryGetProperty("error", out var reason)
                    ? new HubConnectionLostException($"The server closed the connection: {reason.GetString()}")
                    : new HubConnectionLostException("The server closed the connection.");
            default: // 6 ping only proves liveness (already counted); stream items are not used
                return null;
        }
    }

    static async Task ReplyNoResultAsync(HubSocket socket, string invocationId, string target)
    {
        try { await socket.SendAsync(HubMessages.CompletionError(invocationId, $"Client has no result for '{target}'."), CancellationToken.None); }
        catch (Exception) { /* connection going away anyway */ }
    }

    void FailPending(Exception? error)
    {
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var p))
                p.TrySetException(new HubConnectionLostException("The connection ended before the server answered.", error));
    }

    void Raise(Action raise)
    {
        try { raise(); }
        catch (Exception) { /* a subscriber's bug must not stop reconnecting */ }
    }
}
