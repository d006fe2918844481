using Queue.Contracts;
using System.Collections.Concurrent;

namespace Queue.Silo.Hubs;

/// <summary>
/// Sends one hall's messages strictly in commit order, without holding up the hall's grain; halls send in
/// parallel. Queue counts are coalesced and paced: only the newest is sent, at most once per
/// <see cref="QueuePace"/>, because every screen and phone of the hall receives them and nobody reads
/// counts faster than that. Calls and window changes are never delayed.
/// A send is started, never awaited: a group's send completes only when its slowest member has taken the
/// message, so awaiting it let one screen that stopped reading hold up every call of its hall. Each member's
/// copy is already in its own bounded buffer, in order, when the send returns; a member whose buffer stays
/// full is dropped by the hub (<see cref="HubsSetup.MapHallHub"/>).
/// Every message to the hall's screens is numbered here, in the order sent (<see cref="SendPublic"/>): the backplane
/// is fire-and-forget, so a screen that sees a number skipped knows it missed one and fetches the state.
/// Each message waits for the append of what it tells (its <c>durable</c> task): the hall decides its next command while
/// the last one's append is in flight, and nothing decided may be seen before the log has it. One that the log refused is
/// dropped unnumbered (the hall reloads and resyncs its screens).
/// </summary>
public sealed class HallOutbox(ILogger logger, TimeProvider clock)
{
    public static readonly TimeSpan QueuePace = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentQueue<(Task Durable, Func<Task> Send)> _sends = new();
    private (Task Durable, Func<long, Task> Send)? _latestQueue;
    private long _messageNo;
    private Task? _awaited;
    private long _lastQueueSent;
    private int _draining;
    private int _timerArmed;

    public void Send(Task durable, Func<Task> send)
    {
        _sends.Enqueue((durable, send));
        Kick();
    }

    /// <summary>A message to the hall's screens, given its number.</summary>
    public void SendPublic(Task durable, Func<long, Task> send) => Send(durable, () => send(++_messageNo));

    /// <summary>Queue counts, to the screens (numbered) and phones; only the newest waiting one is sent.</summary>
    public void SendQueue(Task durable, Func<long, Task> send)
    {
        lock (_sends) _latestQueue = (durable, send);
        Kick();
    }

    private void Kick()
    {
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0) _ = Task.Run(Drain);
    }

    private void Drain()
    {
        while (true)
        {
            while (_sends.TryPeek(out var next) && Ready(next.Durable))
            {
                _sends.TryDequeue(out _);
                if (next.Durable.IsCompletedSuccessfully) Start(next.Send);
            }
            if (LatestQueue() is { } latest && Ready(latest.Durable))
            {
                if (!latest.Durable.IsCompletedSuccessfully)
                {
                    TakeQueue(latest);
                    continue;
                }
                var wait = QueuePace - clock.GetElapsedTime(Volatile.Read(ref _lastQueueSent));
                if (wait <= TimeSpan.Zero)
                {
                    if (TakeQueue(latest))
                    {
                        Volatile.Write(ref _lastQueueSent, clock.GetTimestamp());
                        Start(() => latest.Send(++_messageNo));
                    }
                    continue;
                }
                // Too soon: a timer comes back for it, so nothing behind it waits.
                if (Interlocked.CompareExchange(ref _timerArmed, 1, 0) == 0)
                    _ = Task.Delay(wait, clock).ContinueWith(_ => { Volatile.Write(ref _timerArmed, 0); Kick(); }, TaskScheduler.Default);
            }
            Volatile.Write(ref _draining, 0);
            // Something may have arrived, or the timer fired, between the last check and the reset.
            if ((!HeadReady() && !QueueNeedsUs()) || Interlocked.CompareExchange(ref _draining, 1, 0) != 0) return;
        }
    }

    /// <summary>Whether <paramref name="durable"/> has settled; if not, the outbox comes back when it does.</summary>
    private bool Ready(Task durable)
    {
        if (durable.IsCompleted) return true;
        if (!ReferenceEquals(Interlocked.Exchange(ref _awaited, durable), durable))
            durable.ContinueWith(_ => Kick(), TaskScheduler.Default);
        return false;
    }

    private bool HeadReady() => _sends.TryPeek(out var next) && next.Durable.IsCompleted;

    private (Task Durable, Func<long, Task> Send)? LatestQueue()
    {
        lock (_sends) return _latestQueue;
    }

    /// <summary>Takes the newest counts unless newer ones came meanwhile.</summary>
    private bool TakeQueue((Task Durable, Func<long, Task> Send) latest)
    {
        lock (_sends)
        {
            if (_latestQueue != latest) return false;
            _latestQueue = null;
            return true;
        }
    }

    private bool QueueNeedsUs() => LatestQueue() is { } latest && latest.Durable.IsCompleted && Volatile.Read(ref _timerArmed) == 0;

    private void Start(Func<Task> send)
    {
        try
        {
            var sent = send();
            if (!sent.IsCompleted) _ = sent.ContinueWith(t => Failed(t.Exception!), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            else if (sent.IsFaulted) Failed(sent.Exception!);
        }
        catch (Exception e) { Failed(e); }
    }

    private void Failed(Exception e) => logger.LogWarning(e, "A hub message could not be sent");
}
