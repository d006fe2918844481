using System.Runtime.CompilerServices;
using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Storage;

/// <summary>What a hall's log holds: the latest snapshot (if any) and the events after it, in order.</summary>
public sealed record HallHistory(HallSnapshot? Snapshot, IReadOnlyList<HallEvent> Events);

/// <summary>An event as the log holds it, with its place in its hall's log.</summary>
public sealed record LoggedEvent(long Seq, HallEvent Event);

/// <summary>
/// Which of a hall's events to read: those at or after <see cref="From"/> and before <see cref="To"/>, newest first
/// (by time, then seq), at most <see cref="Limit"/> of them, so no request reads a year into memory. Only events of one
/// stored <see cref="Kind"/> ("TicketIssued"), or caused by one actor (<see cref="HallEvent.By"/>, "user:c1"), when named.
/// </summary>
public sealed record EventRange(DateTimeOffset From, DateTimeOffset To, int Limit, string? Kind = null, string? By = null);

/// <summary>Why writes fail since when: the last write did not land (a full or dead disk).</summary>
public sealed record StoreFailure(DateTimeOffset Since, string Error);

/// <summary>
/// The durable log of every hall. Narrow on purpose: a PostgreSQL store with fenced appends (see the
/// multi-silo design note) implements the same calls.
/// </summary>
public interface IEventStore
{
    /// <summary>Null while writes land; otherwise since when they fail. The next write that lands clears it.</summary>
    StoreFailure? Failure { get; }

    /// <summary>A tiny durable write, so a failing store is seen to recover even when no command comes.</summary>
    Task ProbeAsync(CancellationToken ct);

    Task<HallHistory> LoadAsync(string hallId, CancellationToken ct);

    /// <summary>A hall's events in a time range, for the audit (谁在何时做了什么); snapshots play no part.</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadAsync(string hallId, EventRange range, CancellationToken ct);

    /// <summary>A hall's events after <paramref name="afterSeq"/> in seq order, at most <paramref name="limit"/>, optionally of one
    /// stored kind only: how a projection (the figures, the 差评 cases) catches up on the log from where it last read.</summary>
    Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string hallId, long afterSeq, int limit, string? kind, CancellationToken ct);

    /// <summary>Appends events numbered from <paramref name="firstSeq"/>; completes only once they are on disk.
    /// A seq already taken fails the append with <see cref="SeqTakenException"/>: another activation of the hall wrote
    /// first, so this one's state is stale (two writers for one hall are refused, never merged).</summary>
    Task AppendAsync(string hallId, long firstSeq, IReadOnlyList<HallEvent> events, CancellationToken ct);

    Task SaveSnapshotAsync(string hallId, HallSnapshot snapshot, CancellationToken ct);

    /// <summary>A small versioned document that is not a hall's day: accounts, a hall's devices (Orleans grain state,
    /// see <see cref="StoredGrainState"/>). Null when never written.</summary>
    Task<StoredRecord?> ReadRecordAsync(string key, CancellationToken ct);

    /// <summary>Stores <paramref name="version"/> of a record, durably like an append. Fails with
    /// <see cref="VersionTakenException"/> unless the stored version is <paramref name="version"/> - 1 (none for 1).</summary>
    Task WriteRecordAsync(string key, long version, string json, CancellationToken ct);

    /// <summary>Removes the resident's name and phone from appointments whose slot ended before <paramref name="slotsEndedBefore"/>,
    /// in the events and in the snapshots (PIPL: kept no longer than needed); durably, like an append.</summary>
    Task<PersonalDataPurged> PurgePersonalDataAsync(DateTimeOffset slotsEndedBefore, CancellationToken ct);
}

/// <summary>How many AppointmentBooked events and hall snapshots a purge rewrote.</summary>
public sealed record PersonalDataPurged(int Events, int Snapshots);

public sealed record StoredRecord(long Version, string Json);

/// <summary>The record was written by someone else since it was read: the writer's copy is stale.</summary>
public sealed class VersionTakenException(string key, long version)
    : Exception($"Record '{key}' is no longer at version {version - 1}; the writer is stale.");

/// <summary>The log already holds an event at that seq: the writer's view of the hall is stale.</summary>
public sealed class SeqTakenException(string hallId, long seq, Exception? inner = null)
    : Exception($"Hall '{hallId}' already has an event at seq {seq}; the writer is stale.", inner);

public static class EventStoreReading
{
    /// <summary>A hall's events after <paramref name="afterSeq"/> in seq order, read <paramref name="page"/> at a time (so no
    /// read holds a day in memory): how a projection catches up on the log from its own watermark.</summary>
    public static async IAsyncEnumerable<LoggedEvent> After(this IEventStore store, string hallId, long afterSeq, int page, string? kind = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        while (true)
        {
            var batch = await store.ReadAfterAsync(hallId, afterSeq, page, kind, ct);
            foreach (var e in batch) yield return e;
            if (batch.Count < page) yield break;
            afterSeq = batch[^1].Seq;
        }
    }
}
