using System.Threading.Channels;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Storage;

/// <summary>
/// What both logs share: the appends, snapshots and probes of every hall wait in one queue, and one writer takes all
/// that is pending (up to <see cref="MaxBatch"/>) and commits it as one batch (group commit): a busy silo pays one
/// flush or round trip per batch, not per command. A write completes only once its batch landed. Each store says how a
/// batch is committed and how a seq already taken, a full disk or a dead server fails only its own writes.
/// </summary>
public abstract class GroupCommitStore : IEventStore, IAsyncDisposable
{
    protected const int MaxBatch = 2000;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new() { SingleReader = true });
    private readonly TimeProvider _clock;
    private volatile StoreFailure? _failure;
    private Task _writer = Task.CompletedTask;

    protected abstract record Write
    {
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
    protected sealed record AppendWrite(string HallId, long FirstSeq, IReadOnlyList<HallEvent> Events) : Write;
    protected sealed record SnapshotWrite(string HallId, long Seq, string Json) : Write;
    protected sealed record ProbeWrite : Write;
    protected sealed record RecordWrite(string Key, long Version, string Json) : Write
    {
        /// <summary>Ends the write as refused: the record is not at the version before this one.</summary>
        public void Taken() => Done.TrySetException(new VersionTakenException(Key, Version));
    }
    /// <summary>A purge goes through the one writer like any write, so it never races an append for the file or a row.</summary>
    protected sealed record PurgeWrite(DateTimeOffset SlotsEndedBefore) : Write
    {
        public PersonalDataPurged Purged { get; set; } = new(0, 0);
    }

    protected GroupCommitStore(TimeProvider? clock) => _clock = clock ?? TimeProvider.System;

    /// <summary>Batches committed so far; with <see cref="Appends"/> it shows how much group commit saves.</summary>
    public long Commits { get; protected set; }
    public long Appends { get; protected set; }

    public StoreFailure? Failure => _failure;

    public abstract Task<HallHistory> LoadAsync(string hallId, CancellationToken ct);

    public abstract Task<IReadOnlyList<LoggedEvent>> ReadAsync(string hallId, EventRange range, CancellationToken ct);

    public abstract Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string hallId, long afterSeq, int limit, string? kind, CancellationToken ct);

    public Task AppendAsync(string hallId, long firstSeq, IReadOnlyList<HallEvent> events, CancellationToken ct) =>
        Enqueue(new AppendWrite(hallId, firstSeq, events));

    public Task SaveSnapshotAsync(string hallId, HallSnapshot snapshot, CancellationToken ct) =>
        Enqueue(new SnapshotWrite(hallId, snapshot.Seq, EventJson.Serialize(snapshot)));

    public Task ProbeAsync(CancellationToken ct) => Enqueue(new ProbeWrite());

    public abstract Task<StoredRecord?> ReadRecordAsync(string key, CancellationToken ct);

    public Task WriteRecordAsync(string key, long version, string json, CancellationToken ct) =>
        Enqueue(new RecordWrite(key, version, json));

    public async Task<PersonalDataPurged> PurgePersonalDataAsync(DateTimeOffset slotsEndedBefore, CancellationToken ct)
    {
        var purge = new PurgeWrite(slotsEndedBefore);
        await Enqueue(purge);
        return purge.Purged;
    }

    /// <summary>Called last by a store's constructor, once it can commit.</summary>
    protected void StartWriter() => _writer = Task.Factory.StartNew(WriteLoop, TaskCreationOptions.LongRunning).Unwrap();

    /// <summary>Commits one batch; every write in it ends <see cref="Landed"/>, <see cref="Failed"/> or refused as taken.</summary>
    protected abstract Task CommitBatchAsync(List<Write> batch);

    /// <summary>After the writer has stopped: close what it held.</summary>
    protected virtual ValueTask CloseAsync() => ValueTask.CompletedTask;

    protected void Landed(IEnumerable<Write> writes)
    {
        _failure = null;
        foreach (var w in writes) w.Done.TrySetResult();
    }

    protected void Failed(IEnumerable<Write> writes, Exception e)
    {
        _failure ??= new StoreFailure(_clock.GetUtcNow(), e.Message);
        foreach (var w in writes) w.Done.TrySetException(e);
    }

    private Task Enqueue(Write w)
    {
        if (!_writes.Writer.TryWrite(w)) throw new ObjectDisposedException(GetType().Name);
        return w.Done.Task;
    }

    private async Task WriteLoop()
    {
        var batch = new List<Write>(MaxBatch);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _writes.Reader.TryRead(out var w)) batch.Add(w);
            await CommitBatchAsync(batch);
            batch.Clear();
        }
        await CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
    }
}
