using System.Diagnostics;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Silo.Metrics;

/// <summary>The event store as the halls see it, with the time each append took to become durable recorded; everything
/// else passes through. Wall time, not the halls' clock: latency is the disk's, whatever hour the hall thinks it is.</summary>
public sealed class TimedAppends(IEventStore inner, HallMetrics metrics) : IEventStore, IAsyncDisposable
{
    public StoreFailure? Failure => inner.Failure;

    public async Task AppendAsync(string hallId, long firstSeq, IReadOnlyList<HallEvent> events, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.AppendAsync(hallId, firstSeq, events, ct);
        metrics.Appended(Stopwatch.GetElapsedTime(started));
    }

    public Task ProbeAsync(CancellationToken ct) => inner.ProbeAsync(ct);
    public Task<HallHistory> LoadAsync(string hallId, CancellationToken ct) => inner.LoadAsync(hallId, ct);
    public Task SaveSnapshotAsync(string hallId, HallSnapshot snapshot, CancellationToken ct) => inner.SaveSnapshotAsync(hallId, snapshot, ct);
    public Task<StoredRecord?> ReadRecordAsync(string key, CancellationToken ct) => inner.ReadRecordAsync(key, ct);
    public Task WriteRecordAsync(string key, long version, string json, CancellationToken ct) => inner.WriteRecordAsync(key, version, json, ct);

    /// <summary>The store's writer drains and closes with the host, as it would undecorated.</summary>
    public ValueTask DisposeAsync() => inner is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
}
