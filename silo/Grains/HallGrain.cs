using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Alerts;
using Queue.Silo.Halls;
using Queue.Silo.Metrics;
using Queue.Silo.Storage;

namespace Queue.Silo.Grains;

/// <summary>
/// A hall of the day. Orleans runs its calls on one thread, and every decision is made in one synchronous stretch over
/// this state, so deciding is never raced: two windows can never get the same ticket. For a command: decide, apply,
/// build the answer, then wait until the log has taken everything decided so far, and only then answer and publish.
/// The grain is reentrant so that the next commands are decided while one append is in flight: they go to the log
/// together in the next append (one fsync for all of them), each answered only once its own events are durable. One
/// append per hall is in flight at a time, always at the seq after the last durable one, so a refused or failed append
/// fails exactly what was decided from it on: the hall is then rebuilt from the log before anything else is decided.
/// The log is the guard when Orleans briefly runs a second activation: a refused append reloads from the log, and
/// the command is decided again on what the log holds, never applied from the stale decision, and only once this silo
/// has read in the membership table that it is still in the cluster.
/// </summary>
[Reentrant]
public sealed class HallGrain(HallCatalog catalog, IEventStore store, TimeProvider clock, IEnumerable<IHallListener> listeners,
    HallAudience audience, AlertWatcher alerts, HallMetrics metrics, IOptions<HallOptions> options, IClusterMembershipService membership,
    ILocalSiloDetails localSilo, ILogger<HallGrain> logger) : Grain, IHallGrain
{
    /// <summary>At least this many events between snapshots, and at least as many as the hall has tickets: a snapshot costs
    /// in proportion to the day so far, so it is taken less often as the day grows and costs a few tickets' worth per event.</summary>
    private const int SnapshotEvery = 1000;
    private const int MaxAttempts = 3;
    /// <summary>How often an active hall checks its day, its alerts, and whether screens still watch it.</summary>
    public static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(5);
    private HallConfig _config = null!;
    /// <summary>The hall as decided: ahead of the log by what is pending or in flight.</summary>
    private HallState _state = null!;
    private long _durableSeq;
    private long _snapshotSeq;
    /// <summary>Decided while an append was in flight; the next append takes them all.</summary>
    private List<HallEvent> _pending = [];
    private TaskCompletionSource? _pendingDurable;
    private bool _appending;
    /// <summary>Completes once everything decided so far is durable; fails if the log refused any of it.</summary>
    private Task _decidedDurable = Task.CompletedTask;
    /// <summary>Set when the state went past what the log took: nothing is decided until it is rebuilt from the log.</summary>
    private bool _mustReload;
    private Task _reloading = Task.CompletedTask;
    /// <summary>Set once a rebuild read that the cluster declared this silo dead: nothing is decided here again.</summary>
    private bool _declaredDead;
    private readonly RefusedKeys _refusedKeys = new();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _config = catalog.Find(this.GetPrimaryKeyString())
            ?? throw new InvalidOperationException($"Hall '{this.GetPrimaryKeyString()}' is not in the catalog.");
        var started = clock.GetTimestamp();
        var lastEventAt = await Reload(ct);
        HallLog.Activated(logger, _config.Id, _state.Seq, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        // Not a hall whose last event is older than an idle hall lives, as at opening: nothing of it can be unsent.
        var now = clock.GetUtcNow();
        if (lastEventAt > now - options.Value.IdleTime)
        {
            if (OtherSilos) await TakeOver(now);
            foreach (var listener in listeners) listener.Reactivated(_state, now, Task.CompletedTask);
        }
        // Ticks never keep an idle hall alive by themselves; only a watched hall stays (see Tick).
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TickEvery, TickEvery) { KeepAlive = false });
    }

    public async Task<HallAnswer> Run(HallCommand command)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Ready();
                var now = clock.GetUtcNow();
                var quiet = _decidedDurable.IsCompleted;
                var seq = _state.Seq;
                StageDayChangeIfNeeded(now);
                var decision = command.Key is { } key && _state.KeyResult(key) is null && _refusedKeys.Find(key, command, now) is { } earlier
                    ? Decision.Refuse(earlier) : Decide.Handle(_state, command, now);
                if (!decision.IsRefused && decision.Events.Count > 0)
                {
                    Stage(decision.Events);
                    if (command is IssueTicket or ArriveTicket && Decide.AutoCall(_state, now) is { } call) Stage([call]);
                }
                if (!decision.IsRefused && Decide.FollowUp(command) is { } then)
                {
                    // 办结并叫下一位: the completion stands whatever the call finds (nobody waiting, a paused window).
                    var next = Decide.Handle(_state, then, now);
                    if (!next.IsRefused && next.Events.Count > 0) Stage(next.Events);
                    decision = next.IsRefused ? new Decision([], null, null, decision.WindowNo) : next;
                }
                var answer = HallAnswers.From(_state, decision, now);
                var wrote = _state.Seq != seq;
                AppendPending();
                await _decidedDurable;
                // An answer that wrote nothing was decided on this activation's memory alone: in a cluster, make sure no
                // other activation has written since (a silo that stalled and woke still holds halls the others took over).
                bool? moved = quiet && !wrote && OtherSilos ? await LogMovedPast(seq) : null;
                if (decision.Refusal is { } refused) HallLog.Refused(logger, _config.Id, command.GetType().Name, seq, refused.Code, moved);
                if (moved == true) throw new SeqTakenException(_config.Id, seq + 1);
                if (decision.Refusal is { Kind: not RefusalKind.Unavailable } answered && command.Key is { } refusedKey)
                    _refusedKeys.Remember(refusedKey, command, answered, now);
                return answer;
            }
            catch (SeqTakenException e) when (attempt < MaxAttempts)
            {
                // Decide again on what the log holds (an idempotency key then finds a landed retry), once the rebuild
                // has read that this silo is still in the cluster (ReloadFromLog).
                HallLog.StaleActivation(logger, _config.Id, e.Message);
            }
            catch (DeclaredDeadException)
            {
                return new HallAnswer(Refusal.StorageUnavailable(), null, null, _state.Notice);
            }
            catch (Exception e)
            {
                HallLog.AppendFailed(logger, _config.Id, e);
                return new HallAnswer(Refusal.StorageUnavailable(), null, null, _state.Notice);
            }
        }
    }

    public Task<HallStateView> State() => Read(now => Views.Hall(_state, now));

    public Task<HallSummaryView> Summary() => Read(_ => Views.Summary(_state));

    public async Task Resync()
    {
        var now = await Today();
        foreach (var listener in listeners) listener.Resync(_state, now, _decidedDurable);
    }

    public Task<FoundTicket?> Ticket(string ticketRef) =>
        Read(now => _state.TicketById(ticketRef) is { } t ? new FoundTicket(Views.Ticket(_state, t, now), t.KioskId) : null);

    public Task<IReadOnlyList<AppointmentSlotView>> Slots(string categoryCode, DateOnly date) =>
        Read<IReadOnlyList<AppointmentSlotView>>(now => [.. Hall.Slots.Offered(_state.Config, date, categoryCode)
            .Select(x => new AppointmentSlotView(x.Start, x.End, x.CategoryCode, x.Capacity, Math.Max(0, x.Capacity - _state.SeatsTaken(categoryCode, x.Start)),
                _state.Config.Booking.StillOpen(x.Start, now)))]);

    public Task<Appointment?> Appointment(string code) => Read(_ => _state.Appointments.GetValueOrDefault(code.Trim().ToUpperInvariant()));

    /// <summary>A read of today's hall, taken as decided and answered once that much is durable: nobody is told of
    /// what the log may yet refuse. When the log cannot be written (the day change) or read, it answers from memory.</summary>
    private async Task<T> Read<T>(Func<DateTimeOffset, T> view)
    {
        var now = await Today();
        var answer = view(now);
        try { await _decidedDurable; }
        catch (Exception) { return view(await Today()); }   // rebuilt from the log meanwhile (or answering from memory)
        return answer;
    }

    /// <summary>Reads see today's hall; when the day change cannot be made durable they still answer from what is known.</summary>
    private async Task<DateTimeOffset> Today()
    {
        try
        {
            await Ready();
            var now = clock.GetUtcNow();
            StageDayChangeIfNeeded(now);
            AppendPending();
            await _decidedDurable;
            return now;
        }
        catch (DeclaredDeadException) { return clock.GetUtcNow(); }   // this silo is going: a read still answers as it last knew
        catch (Exception e)
        {
            HallLog.AppendFailed(logger, _config.Id, e);
            return clock.GetUtcNow();
        }
    }

    private async Task Tick()
    {
        var now = await Today();
        alerts.Check(_state, now);
        if (audience.Watches(_config.Id)) DelayDeactivation(options.Value.IdleTime);
    }

    // Numbering restarts at the hall's local midnight, whatever the server's own time zone.
    private void StageDayChangeIfNeeded(DateTimeOffset now)
    {
        if (Decide.DayChange(_state, now) is { } day) Stage([day]);
    }

    /// <summary>Applies decided events now, for the next decision, and queues them for the next append.</summary>
    private void Stage(IReadOnlyList<HallEvent> events)
    {
        foreach (var e in events) _state.Apply(e);
        _pending.AddRange(events);
        _pendingDurable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _decidedDurable = _pendingDurable.Task;
    }

    /// <summary>Starts the append of what is pending, unless one is in flight (whose end starts the next).</summary>
    private void AppendPending()
    {
        if (!_appending && _pending.Count > 0) _ = AppendLoop();
    }

    private async Task AppendLoop()
    {
        _appending = true;
        while (_pending.Count > 0)
        {
            var (events, durable) = (_pending, _pendingDurable!);
            (_pending, _pendingDurable) = ([], null);
            // Everything staged is in this append, so the state is exactly the state after it.
            var now = clock.GetUtcNow();
            foreach (var listener in listeners) listener.Appending(_state, events, now, durable.Task);
            try
            {
                var started = Stopwatch.GetTimestamp();   // wall time: the disk's latency, whatever hour the hall's clock says
                await store.AppendAsync(_config.Id, _durableSeq + 1, events, CancellationToken.None);
                metrics.Appended(Stopwatch.GetElapsedTime(started));
            }
            catch (Exception e)
            {
                // The append may or may not have landed, or another activation wrote first: only the log knows. What was
                // decided after it was decided on it, so it fails too; the next call rebuilds the hall from the log.
                _mustReload = true;
                var after = _pendingDurable;
                (_pending, _pendingDurable, _decidedDurable) = ([], null, Task.CompletedTask);
                durable.SetException(e);
                after?.SetException(e);
                _appending = false;
                return;
            }
            HallLog.Appended(logger, _config.Id, _durableSeq + 1, _durableSeq + events.Count);
            _durableSeq += events.Count;
            durable.SetResult();
            // A snapshot holds only what the log has, so it is taken when nothing is ahead of it.
            if (_pending.Count == 0 && _state.Seq - _snapshotSeq >= Math.Max(SnapshotEvery, _state.Tickets.Count))
            {
                _snapshotSeq = _state.Seq;
                _ = store.SaveSnapshotAsync(_config.Id, _state.ToSnapshot(), CancellationToken.None);
            }
        }
        _appending = false;
    }

    /// <summary>Waits for a rebuild from the log in progress, or starts one when the state went past the log.</summary>
    private Task Ready()
    {
        if (_mustReload && _reloading.IsCompleted && !_declaredDead) _reloading = ReloadFromLog();
        return _reloading;
    }

    private async Task ReloadFromLog()
    {
        // Another activation wrote, or the log failed: this silo may have stalled past its death declaration (a long
        // pause, SIGSTOP) and woken with halls the others have since taken over (HallTakenOver). Rebuilt from the log it
        // would decide on the right seq again, and the fence would let it through: so first the membership table must
        // say it is still in the cluster. If not, it writes nothing more (Orleans is ending it) and the hall goes.
        await membership.Refresh();
        if (membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress) != SiloStatus.Active)
        {
            _declaredDead = true;
            HallLog.DeclaredDead(logger, _config.Id);
            DeactivateOnIdle();
            throw new DeclaredDeadException();
        }
        await Reload(CancellationToken.None);
        _mustReload = false;
        // Screens may have missed what the log refused, and counts coalesced over it: send them the hall as it is.
        var now = clock.GetUtcNow();
        foreach (var listener in listeners) listener.Resync(_state, now, Task.CompletedTask);
    }

    /// <summary>Whether the log holds events after <paramref name="seq"/> that another activation wrote.</summary>
    private async Task<bool> LogMovedPast(long seq)
    {
        if ((await store.ReadAfterAsync(_config.Id, seq, 1, null, CancellationToken.None)).Count == 0) return false;
        // Or were they ours, decided since? Then their append landing says nobody else wrote there.
        if (_state.Seq > seq)
        {
            try { await _decidedDurable; return false; }
            catch (Exception) { return true; }   // and the failed append has marked the hall for a rebuild
        }
        _mustReload = true;
        return true;
    }

    /// <summary>Whether another silo of the cluster is up (a single silo has nobody to fence off).</summary>
    private bool OtherSilos =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress));

    /// <summary>Takes the hall's next seq (<see cref="HallTakenOver"/>); an activation elsewhere that wrote meanwhile has
    /// been read by the reload, and this one goes on from there.</summary>
    private async Task TakeOver(DateTimeOffset now)
    {
        try
        {
            Stage([new HallTakenOver(now)]);
            AppendPending();
            await _decidedDurable;
        }
        catch (SeqTakenException e)
        {
            HallLog.StaleActivation(logger, _config.Id, e.Message);
            await Ready();
        }
        catch (Exception e) { HallLog.AppendFailed(logger, _config.Id, e); }
    }

    /// <summary>Rebuilds the state from the log; returns when its last event happened (never, after only a snapshot).</summary>
    private async Task<DateTimeOffset> Reload(CancellationToken ct)
    {
        var history = await store.LoadAsync(_config.Id, ct);
        var state = history.Snapshot is { } s ? HallState.FromSnapshot(_config, s) : new HallState(_config);
        foreach (var e in history.Events) state.Apply(e);
        (_state, _snapshotSeq, _durableSeq) = (state, history.Snapshot?.Seq ?? 0, state.Seq);
        return history.Events.Count > 0 ? history.Events[^1].At : DateTimeOffset.MinValue;
    }

    private sealed class DeclaredDeadException() : Exception("The cluster declared this silo dead.");
}
