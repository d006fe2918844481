using System.Diagnostics;
using Microsoft.Extensions.Options;
using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Alerts;
using Queue.Silo.Halls;
using Queue.Silo.Metrics;
using Queue.Silo.Storage;

namespace Queue.Silo.Grains;

/// <summary>
/// A hall of the day. Orleans runs one call at a time, so deciding over this state is never raced: two windows can
/// never get the same ticket. For a command: decide, append durably with the expected seq, apply, answer, publish.
/// The log is the guard when Orleans briefly runs a second activation: a refused append reloads from the log, and
/// the command is decided again on what the log holds, never applied from the stale decision, and only once this silo
/// has read in the membership table that it is still in the cluster.
/// </summary>
public sealed class HallGrain(HallCatalog catalog, IEventStore store, TimeProvider clock, IEnumerable<IHallListener> listeners,
    HallAudience audience, AlertWatcher alerts, HallMetrics metrics, IOptions<HallOptions> options, IClusterMembershipService membership,
    ILocalSiloDetails localSilo, ILogger<HallGrain> logger) : Grain, IHallGrain
{
    private const int SnapshotEvery = 1000;
    private const int MaxAttempts = 3;
    /// <summary>How often an active hall checks its day, its alerts, and whether screens still watch it.</summary>
    public static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(5);
    private HallState _state = null!;
    private long _snapshotSeq;

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        var config = catalog.Find(this.GetPrimaryKeyString())
            ?? throw new InvalidOperationException($"Hall '{this.GetPrimaryKeyString()}' is not in the catalog.");
        var started = clock.GetTimestamp();
        var lastEventAt = await Reload(config, ct);
        HallLog.Activated(logger, config.Id, _state.Seq, (long)clock.GetElapsedTime(started).TotalMilliseconds);
        // Not a hall whose last event is older than an idle hall lives, as at opening: nothing of it can be unsent.
        var now = clock.GetUtcNow();
        if (lastEventAt > now - options.Value.IdleTime)
        {
            if (OtherSilos) await TakeOver(now);
            foreach (var listener in listeners) listener.Reactivated(_state, now);
        }
        // Ticks never keep an idle hall alive by themselves; only a watched hall stays (see Tick).
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TickEvery, TickEvery) { KeepAlive = false });
    }

    public async Task<HallAnswer> Run(HallCommand command)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            try
            {
                await StartDayIfNeeded(now);
                var decision = Decide.Handle(_state, command, now);
                if (!decision.IsRefused && decision.Events.Count > 0)
                {
                    await Commit(decision.Events, now);
                    if (command is IssueTicket && Decide.AutoCall(_state, now) is { } call) await Commit([call], now);
                }
                if (!decision.IsRefused && Decide.FollowUp(command) is { } then)
                {
                    // 办结并叫下一位: the completion stands whatever the call finds (nobody waiting, a paused window).
                    var next = Decide.Handle(_state, then, now);
                    if (!next.IsRefused && next.Events.Count > 0) await Commit(next.Events, now);
                    decision = next.IsRefused ? new Decision([], null, null, decision.WindowNo) : next;
                }
                return HallAnswers.From(_state, decision, now);
            }
            catch (SeqTakenException e) when (attempt < MaxAttempts)
            {
                // Reloaded in Commit; decide again on what the log holds (an idempotency key then finds a landed retry).
                HallLog.StaleActivation(logger, _state.Config.Id, e.Message);
                // But first make sure this silo is still in the cluster: one that stalled past its death declaration
                // (a long pause, SIGSTOP) wakes up with activations the others have since taken over (HallTakenOver).
                // Reading the membership table, it learns it is dead, and writes nothing more: Orleans is ending it.
                try
                {
                    await membership.Refresh();
                    if (membership.CurrentSnapshot.GetSiloStatus(localSilo.SiloAddress) != SiloStatus.Active)
                        return new HallAnswer(Refusal.StorageUnavailable(), null, null, _state.Notice);
                }
                catch (Exception unsure)
                {
                    HallLog.AppendFailed(logger, _state.Config.Id, unsure);
                    return new HallAnswer(Refusal.StorageUnavailable(), null, null, _state.Notice);
                }
            }
            catch (Exception e)
            {
                HallLog.AppendFailed(logger, _state.Config.Id, e);
                return new HallAnswer(Refusal.StorageUnavailable(), null, null, _state.Notice);
            }
        }
    }

    public async Task<HallStateView> State() => Views.Hall(_state, await Today());

    public Task<HallSummaryView> Summary() => Task.FromResult(Views.Summary(_state));

    public async Task Resync()
    {
        var now = await Today();
        foreach (var listener in listeners) listener.Resync(_state, now);
    }

    public async Task<FoundTicket?> Ticket(string ticketRef)
    {
        var now = await Today();
        return _state.TicketById(ticketRef) is { } t ? new FoundTicket(Views.Ticket(_state, t, now), t.KioskId) : null;
    }

    public Task<IReadOnlyList<AppointmentSlotView>> Slots(string categoryCode, DateOnly date) =>
        Task.FromResult<IReadOnlyList<AppointmentSlotView>>([.. Hall.Slots.Offered(_state.Config, date, categoryCode)
            .Select(x => new AppointmentSlotView(x.Start, x.End, x.CategoryCode, x.Capacity, Math.Max(0, x.Capacity - _state.SeatsTaken(categoryCode, x.Start))))]);

    public async Task<Appointment?> Appointment(string code)
    {
        await Today();
        return _state.Appointments.GetValueOrDefault(code.Trim().ToUpperInvariant());
    }

    /// <summary>Reads see today's hall; when the day change cannot be made durable they still answer from what is known.</summary>
    private async Task<DateTimeOffset> Today()
    {
        var now = clock.GetUtcNow();
        try { await StartDayIfNeeded(now); }
        catch (Exception e) { HallLog.AppendFailed(logger, _state.Config.Id, e); }
        return now;
    }

    private async Task Tick()
    {
        var now = await Today();
        alerts.Check(_state, now);
        if (audience.Watches(_state.Config.Id)) DelayDeactivation(options.Value.IdleTime);
    }

    // Numbering restarts at the hall's local midnight, whatever the server's own time zone.
    private async Task StartDayIfNeeded(DateTimeOffset now)
    {
        if (Decide.DayChange(_state, now) is { } day) await Commit([day], now);
    }

    private async Task Commit(IReadOnlyList<HallEvent> events, DateTimeOffset now)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();   // wall time: the disk's latency, whatever hour the hall's clock says
            await store.AppendAsync(_state.Config.Id, _state.Seq + 1, events, CancellationToken.None);
            metrics.Appended(Stopwatch.GetElapsedTime(started));
        }
        catch
        {
            // The append may or may not have landed, or another activation wrote first: only the log knows.
            await Reload(_state.Config, CancellationToken.None);
            throw;
        }
        HallLog.Appended(logger, _state.Config.Id, _state.Seq + 1, _state.Seq + events.Count);
        foreach (var e in events) _state.Apply(e);
        foreach (var listener in listeners) listener.Committed(_state, events, now);
        if (_state.Seq - _snapshotSeq >= SnapshotEvery)
        {
            _snapshotSeq = _state.Seq;
            _ = store.SaveSnapshotAsync(_state.Config.Id, _state.ToSnapshot(), CancellationToken.None);
        }
    }

    /// <summary>Whether another silo of the cluster is up (a single silo has nobody to fence off).</summary>
    private bool OtherSilos =>
        membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress));

    /// <summary>Takes the hall's next seq (<see cref="HallTakenOver"/>); an activation elsewhere that wrote meanwhile has
    /// been read by the reload, and this one goes on from there.</summary>
    private async Task TakeOver(DateTimeOffset now)
    {
        try { await Commit([new HallTakenOver(now)], now); }
        catch (SeqTakenException e) { HallLog.StaleActivation(logger, _state.Config.Id, e.Message); }
        catch (Exception e) { HallLog.AppendFailed(logger, _state.Config.Id, e); }
    }

    /// <summary>Rebuilds the state from the log; returns when its last event happened (never, after only a snapshot).</summary>
    private async Task<DateTimeOffset> Reload(HallConfig config, CancellationToken ct)
    {
        var history = await store.LoadAsync(config.Id, ct);
        var state = history.Snapshot is { } s ? HallState.FromSnapshot(config, s) : new HallState(config);
        foreach (var e in history.Events) state.Apply(e);
        (_state, _snapshotSeq) = (state, history.Snapshot?.Seq ?? 0);
        return history.Events.Count > 0 ? history.Events[^1].At : DateTimeOffset.MinValue;
    }
}
