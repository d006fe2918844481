using Queue.Contracts;
using System.Threading.Channels;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Silo.Halls;

/// <summary>Told, on the hall's own mailbox, about events just made durable and applied.</summary>
public interface IHallListener
{
    void Committed(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now);
}

/// <summary>
/// The only way into a hall's state. Work runs one item at a time, in arrival order, so two clerks can
/// never call the same ticket. For a command: decide, append durably, apply, answer, publish; nothing is
/// answered before the append returns.
/// </summary>
public sealed class HallMailbox
{
    private const int SnapshotEvery = 1000;
    private readonly Channel<Func<Task>> _inbox = Channel.CreateUnbounded<Func<Task>>(new() { SingleReader = true });
    private readonly IEventStore _store;
    private readonly TimeProvider _clock;
    private readonly IHallListener _listener;
    private HallState _state;
    private long _snapshotSeq;

    private HallMailbox(HallState state, long snapshotSeq, IEventStore store, TimeProvider clock, IHallListener listener)
    {
        _state = state;
        _snapshotSeq = snapshotSeq;
        _store = store;
        _clock = clock;
        _listener = listener;
        _ = Task.Run(Run);
    }

    public HallConfig Config => _state.Config;

    /// <summary>Rebuilds the hall from its snapshot and the events after it.</summary>
    public static async Task<HallMailbox> LoadAsync(HallConfig config, IEventStore store, TimeProvider clock, IHallListener listener, CancellationToken ct)
    {
        var (state, snapshotSeq) = await Rebuild(config, store, ct);
        return new HallMailbox(state, snapshotSeq, store, clock, listener);
    }

    /// <summary>Runs a command and builds the answer from the state right after it, on the mailbox.</summary>
    public Task<T> Send<T>(HallCommand command, Func<HallState, Decision, DateTimeOffset, T> answer) =>
        Enqueue(async () =>
        {
            var now = await StartDayIfNeeded();
            var decision = Decide.Handle(_state, command, now);
            if (!decision.IsRefused && decision.Events.Count > 0)
            {
                await Commit(decision.Events, now);
                if (command is IssueTicket && Decide.AutoCall(_state, now) is { } call) await Commit([call], now);
            }
            return answer(_state, decision, now);
        });

    /// <summary>Reads the hall consistently with every command before it.</summary>
    public Task<T> Query<T>(Func<HallState, DateTimeOffset, T> read) =>
        Enqueue(async () => read(_state, await StartDayIfNeeded()));

    private Task<T> Enqueue<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Writer.TryWrite(async () =>
        {
            try { done.SetResult(await work()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    private async Task Run()
    {
        await foreach (var work in _inbox.Reader.ReadAllAsync()) await work();
    }

    // Numbering restarts at the hall's local midnight, whatever the server's own time zone.
    private async Task<DateTimeOffset> StartDayIfNeeded()
    {
        var now = _clock.GetUtcNow();
        if (Decide.DayChange(_state, now) is { } day) await Commit([day], now);
        return now;
    }

    private async Task Commit(IReadOnlyList<HallEvent> events, DateTimeOffset now)
    {
        try
        {
            await _store.AppendAsync(_state.Config.Id, _state.Seq + 1, events, CancellationToken.None);
        }
        catch
        {
            // The append may or may not have landed; only the log knows, so the state is rebuilt from it.
            (_state, _snapshotSeq) = await Rebuild(_state.Config, _store, CancellationToken.None);
            throw;
        }
        foreach (var e in events) _state.Apply(e);
        _listener.Committed(_state, events, now);
        if (_state.Seq - _snapshotSeq >= SnapshotEvery)
        {
            _snapshotSeq = _state.Seq;
            _ = _store.SaveSnapshotAsync(_state.Config.Id, _state.ToSnapshot(), CancellationToken.None);
        }
    }

    private static async Task<(HallState, long)> Rebuild(HallConfig config, IEventStore store, CancellationToken ct)
    {
        var history = await store.LoadAsync(config.Id, ct);
        var state = history.Snapshot is { } s ? HallState.FromSnapshot(config, s) : new HallState(config);
        foreach (var e in history.Events) state.Apply(e);
        return (state, history.Snapshot?.Seq ?? 0);
    }
}
