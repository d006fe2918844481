using System.Collections.Concurrent;

namespace Queue.Silo.Hubs;

/// <summary>
/// Sends one hall's messages strictly in commit order, without holding up the hall's mailbox; halls send in
/// parallel. Queue counts are coalesced: only the newest waiting one is sent.
/// </summary>
public sealed class HallOutbox(ILogger logger)
{
    private readonly ConcurrentQueue<Func<Task>> _sends = new();
    private Func<Task>? _latestQueue;
    private int _draining;

    public void Send(Func<Task> send)
    {
        _sends.Enqueue(send);
        Kick();
    }

    public void SendQueue(Func<Task> send)
    {
        Interlocked.Exchange(ref _latestQueue, send);
        Kick();
    }

    private void Kick()
    {
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0) _ = Task.Run(Drain);
    }

    private async Task Drain()
    {
        while (true)
        {
            while (_sends.TryDequeue(out var send)) await Try(send);
            if (Interlocked.Exchange(ref _latestQueue, null) is { } queue) await Try(queue);
            Volatile.Write(ref _draining, 0);
            // Something may have arrived between the last check and the reset.
            if ((_sends.IsEmpty && Volatile.Read(ref _latestQueue) is null) || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        }
    }

    private async Task Try(Func<Task> send)
    {
        try { await send(); }
        catch (Exception e) { logger.LogWarning(e, "A hub message could not be sent"); }
    }
}
