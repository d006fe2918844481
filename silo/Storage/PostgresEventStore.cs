using Npgsql;
using NpgsqlTypes;
using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Storage;

/// <summary>
/// The log of a cluster (<c>Storage:Postgres</c>): every silo appends to one PostgreSQL database, and the primary key
/// (hall_id, seq) is the fence: a stale or second activation of a hall on another silo cannot write over the first.
/// One writer task takes every pending append from every hall and sends them as one batch in one round trip, an
/// implicit transaction committed before the server answers; nothing is acknowledged before that answer. A seq already
/// taken fails only its own hall's append, and the rest of the batch is sent again without it. A batch that fails for
/// any other reason (the server gone) fails its writes, sets <see cref="Failure"/>, and the next batch tries afresh.
/// No transaction is ever open while a grain runs: a batch is one message to the server.
/// </summary>
public sealed class PostgresEventStore : GroupCommitStore
{
    private const string UniqueViolation = "23505";
    private const string DataException = "22";   // SQLSTATE class of a value the server cannot store (a NUL in jsonb)
    /// <summary>A server that stops answering fails the batch after this, so the writer and the halls never hang on it.</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);
    private readonly NpgsqlDataSource _db;

    /// <summary>Opens the database of <paramref name="connectionString"/> and creates or migrates its schema (see <see cref="PostgresSchema"/>).</summary>
    public PostgresEventStore(string connectionString, TimeProvider? clock = null) : base(clock)
    {
        _db = NpgsqlDataSource.Create(connectionString);
        PostgresSchema.Migrate(_db);
        StartWriter();
    }

    public override async Task<HallHistory> LoadAsync(string hallId, CancellationToken ct)
    {
        await using var c = await _db.OpenConnectionAsync(ct);
        // One statement, so one view of the log: the snapshot (first, as seq 0) and the events after its seq, even while
        // another silo saves a newer snapshot.
        await using var q = new NpgsqlCommand("""
            SELECT true, 0::bigint AS seq, state::text FROM hall_snapshot WHERE hall_id = $1
            UNION ALL
            SELECT false, seq, body::text FROM hall_event
            WHERE hall_id = $1 AND seq > coalesce((SELECT seq FROM hall_snapshot WHERE hall_id = $1), 0)
            ORDER BY seq
            """, c) { Parameters = { new NpgsqlParameter { Value = hallId } } };
        await using var r = await q.ExecuteReaderAsync(ct);
        HallSnapshot? snapshot = null;
        var events = new List<HallEvent>();
        while (await r.ReadAsync(ct))
            if (r.GetBoolean(0)) snapshot = EventJson.DeserializeSnapshot(r.GetString(2));
            else events.Add(EventJson.Deserialize(r.GetString(2)));
        return new HallHistory(snapshot, events);
    }

    public override async Task<IReadOnlyList<LoggedEvent>> ReadAsync(string hallId, EventRange range, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(range.Limit);
        await using var c = await _db.OpenConnectionAsync(ct);
        await using var q = new NpgsqlCommand("""
            SELECT seq, body::text FROM hall_event
            WHERE hall_id = $1 AND at >= $2 AND at < $3 AND ($4::text IS NULL OR kind = $4) AND ($5::text IS NULL OR body->>'by' = $5)
            ORDER BY at DESC, seq DESC LIMIT $6
            """, c)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = hallId },
                new NpgsqlParameter { Value = range.From.ToUniversalTime() },
                new NpgsqlParameter { Value = range.To.ToUniversalTime() },
                new NpgsqlParameter { Value = (object?)range.Kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new NpgsqlParameter { Value = (object?)range.By ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new NpgsqlParameter { Value = range.Limit },
            },
        };
        var events = new List<LoggedEvent>();
        await using var r = await q.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) events.Add(new LoggedEvent(r.GetInt64(0), EventJson.Deserialize(r.GetString(1))));
        return events;
    }

    public override async Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string hallId, long afterSeq, int limit, string? kind, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var c = await _db.OpenConnectionAsync(ct);
        await using var q = new NpgsqlCommand(
            "SELECT seq, body::text FROM hall_event WHERE hall_id = $1 AND seq > $2 AND ($3::text IS NULL OR kind = $3) ORDER BY seq LIMIT $4", c)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = hallId },
                new NpgsqlParameter { Value = afterSeq },
                new NpgsqlParameter { Value = (object?)kind ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new NpgsqlParameter { Value = limit },
            },
        };
        var events = new List<LoggedEvent>();
        await using var r = await q.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) events.Add(new LoggedEvent(r.GetInt64(0), EventJson.Deserialize(r.GetString(1))));
        return events;
    }

    public override async Task<StoredRecord?> ReadRecordAsync(string key, CancellationToken ct)
    {
        await using var c = await _db.OpenConnectionAsync(ct);
        await using var q = new NpgsqlCommand("SELECT version, body::text FROM record WHERE key = $1", c) { Parameters = { new NpgsqlParameter { Value = key } } };
        await using var r = await q.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new StoredRecord(r.GetInt64(0), r.GetString(1)) : null;
    }

    protected override ValueTask CloseAsync() => _db.DisposeAsync();

    /// <summary>Commits the batch; appends whose seq is taken fail alone with <see cref="SeqTakenException"/>.</summary>
    protected override async Task CommitBatchAsync(List<Write> batch)
    {
        var pending = Refuse(batch, TakenWithin(batch));
        while (pending.Count > 0)
        {
            try
            {
                await Commit(pending);
                Landed(pending);
                return;
            }
            catch (PostgresException e) when (e.SqlState == UniqueViolation)
            {
                // The clashing row is committed by now (a unique check waits for the other writer), so asking which
                // seqs are taken finds every culprit; the others go again, and none of them is acknowledged before.
                HashSet<AppendWrite> taken;
                try { taken = await TakenInLog(pending); }
                catch (Exception asking)
                {
                    Failed(pending, asking);
                    return;
                }
                if (taken.Count == 0)
                {
                    Failed(pending, e);
                    return;
                }
                pending = Refuse(pending, taken);
            }
            catch (PostgresException e) when (e.SqlState.StartsWith(DataException) && pending.Count > 1)
            {
                // A value the server refuses fails only its own write: the server is fine, so try each alone.
                foreach (var w in pending) await CommitBatchAsync([w]);
                return;
            }
            catch (PostgresException e) when (e.SqlState.StartsWith(DataException))
            {
                pending[0].Done.TrySetException(e);
                return;
            }
            catch (Exception e)
            {
                Failed(pending, e);
                return;
            }
        }
    }

    private async Task Commit(List<Write> writes)
    {
        using var timeout = new CancellationTokenSource(WriteTimeout);
        await using var c = await _db.OpenConnectionAsync(timeout.Token);
        // Without an explicit transaction a batch is one implicit transaction, committed before the server's answer.
        await using var batch = new NpgsqlBatch(c);
        var appends = writes.OfType<AppendWrite>().ToList();
        if (appends.Count > 0) batch.BatchCommands.Add(InsertEvents(appends));
        // One row per hall in a statement (ON CONFLICT may touch a row once): the newest snapshot wins.
        var snapshots = writes.OfType<SnapshotWrite>().GroupBy(s => s.HallId).Select(g => g.MaxBy(s => s.Seq)!).ToList();
        if (snapshots.Count > 0)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                INSERT INTO hall_snapshot(hall_id, seq, state) SELECT * FROM unnest($1::text[], $2::bigint[], $3::jsonb[])
                ON CONFLICT (hall_id) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE excluded.seq > hall_snapshot.seq
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = snapshots.Select(s => s.HallId).ToArray() },
                    new NpgsqlParameter { Value = snapshots.Select(s => s.Seq).ToArray() },
                    new NpgsqlParameter { Value = snapshots.Select(s => s.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                },
            });
        if (writes.OfType<ProbeWrite>().Any())
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO store_probe(id, writes, at) VALUES (1, 1, now()) ON CONFLICT (id) DO UPDATE SET writes = store_probe.writes + 1, at = now()"));
        var purges = writes.OfType<PurgeWrite>().ToList();
        foreach (var p in purges)
        {
            batch.BatchCommands.Add(Purge(PurgeEvents, p));
            batch.BatchCommands.Add(Purge(PurgeSnapshots, p));
        }
        var records = writes.OfType<RecordWrite>().ToList();
        foreach (var r in records) batch.BatchCommands.Add(SaveRecord(r));
        await batch.ExecuteNonQueryAsync(timeout.Token);
        var firstPurge = batch.BatchCommands.Count - records.Count - 2 * purges.Count;
        for (var n = 0; n < purges.Count; n++)
            purges[n].Purged = new((int)batch.BatchCommands[firstPurge + 2 * n].RecordsAffected, (int)batch.BatchCommands[firstPurge + 2 * n + 1].RecordsAffected);
        // A record not at the version before changed nothing (no row matched): only its writer is told, the batch stands.
        var firstRecord = batch.BatchCommands.Count - records.Count;
        for (var n = 0; n < records.Count; n++)
            if (batch.BatchCommands[firstRecord + n].RecordsAffected == 0) records[n].Taken();
        Commits++;
        Appends += appends.Count;
    }

    // The old row versions stay in the table's pages until (auto)vacuum reclaims them.
    private const string PurgeEvents = """
        UPDATE hall_event SET body = body - 'name' - 'phone'
        WHERE kind = 'AppointmentBooked' AND body ?| array['name', 'phone'] AND (body->>'slotEnd')::timestamptz < $1
        """;

    private const string PurgeSnapshots = """
        UPDATE hall_snapshot SET state = jsonb_set(state, '{appointments}', (
          SELECT jsonb_agg(CASE WHEN (a->>'slotEnd')::timestamptz < $1 THEN a - 'name' - 'phone' ELSE a END ORDER BY n)
          FROM jsonb_array_elements(state->'appointments') WITH ORDINALITY AS x(a, n)))
        WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(state->'appointments') AS x(a)
          WHERE (a->>'slotEnd')::timestamptz < $1 AND a ?| array['name', 'phone'])
        """;

    private static NpgsqlBatchCommand Purge(string sql, PurgeWrite p) =>
        new(sql) { Parameters = { new NpgsqlParameter { Value = p.SlotsEndedBefore.ToUniversalTime() } } };

    private static NpgsqlBatchCommand SaveRecord(RecordWrite r) => new(r.Version == 1
        ? "INSERT INTO record(key, version, body) VALUES ($1, $2, $3::jsonb) ON CONFLICT (key) DO NOTHING"
        : "UPDATE record SET version = $2, body = $3::jsonb WHERE key = $1 AND version = $2 - 1")
    {
        Parameters = { new NpgsqlParameter { Value = r.Key }, new NpgsqlParameter { Value = r.Version }, new NpgsqlParameter { Value = r.Json } },
    };

    private static NpgsqlBatchCommand InsertEvents(List<AppendWrite> appends)
    {
        var rows = appends.SelectMany(a => a.Events.Select((e, n) => (a.HallId, Seq: a.FirstSeq + n, Event: e))).ToList();
        return new("""
            INSERT INTO hall_event(hall_id, seq, kind, body, idem_key, at)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::jsonb[], $5::text[], $6::timestamptz[])
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = rows.Select(r => r.HallId).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => EventJson.Kind(r.Event)).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => EventJson.Serialize(r.Event)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb },
                new NpgsqlParameter { Value = rows.Select(r => r.Event.Key).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new NpgsqlParameter { Value = rows.Select(r => r.Event.At.ToUniversalTime()).ToArray() },
            },
        };
    }

    /// <summary>Appends that repeat a (hall, seq) of an earlier append in the same batch: two activations of one hall.</summary>
    private static HashSet<AppendWrite> TakenWithin(List<Write> batch)
    {
        var seen = new HashSet<(string, long)>();
        var taken = new HashSet<AppendWrite>();
        foreach (var a in batch.OfType<AppendWrite>())
        {
            var seqs = Enumerable.Range(0, a.Events.Count).Select(n => (a.HallId, a.FirstSeq + n)).ToList();
            if (seqs.Any(seen.Contains)) taken.Add(a);
            else seen.UnionWith(seqs);
        }
        return taken;
    }

    /// <summary>Appends with a seq the log already holds, asked in one round trip.</summary>
    private async Task<HashSet<AppendWrite>> TakenInLog(List<Write> writes)
    {
        var appends = writes.OfType<AppendWrite>().ToList();
        using var timeout = new CancellationTokenSource(WriteTimeout);
        await using var c = await _db.OpenConnectionAsync(timeout.Token);
        await using var q = new NpgsqlCommand("""
            SELECT DISTINCT w.n FROM unnest($1::text[], $2::bigint[], $3::bigint[]) WITH ORDINALITY AS w(hall_id, first_seq, last_seq, n)
            JOIN hall_event e ON e.hall_id = w.hall_id AND e.seq BETWEEN w.first_seq AND w.last_seq
            """, c)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = appends.Select(a => a.HallId).ToArray() },
                new NpgsqlParameter { Value = appends.Select(a => a.FirstSeq).ToArray() },
                new NpgsqlParameter { Value = appends.Select(a => a.FirstSeq + a.Events.Count - 1).ToArray() },
            },
        };
        var taken = new HashSet<AppendWrite>();
        await using var r = await q.ExecuteReaderAsync(timeout.Token);
        while (await r.ReadAsync(timeout.Token)) taken.Add(appends[(int)r.GetInt64(0) - 1]);
        return taken;
    }

    private static List<Write> Refuse(List<Write> writes, HashSet<AppendWrite> taken)
    {
        foreach (var a in taken) a.Done.TrySetException(new SeqTakenException(a.HallId, a.FirstSeq));
        return writes.Where(w => w is not AppendWrite a || !taken.Contains(a)).ToList();
    }
}
