using Queue.Contracts;
using Microsoft.Data.Sqlite;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Storage;

/// <summary>
/// The default store: one SQLite file in WAL mode with synchronous=FULL, so a commit is on disk when it
/// returns. Rows go in arrival order with a unique (hall, seq) index: clustering them by hall instead made
/// every append about twice as dear (benchmarks/results). One writer task takes every pending append from every hall and commits them in one
/// transaction (group commit): a busy silo pays one fsync per batch, not per command. A batch that fails (a full disk)
/// fails only its own writes: the writer starts again on a fresh connection, so it works again once space returns.
/// </summary>
public sealed class SqliteEventStore : GroupCommitStore
{
    private const int UniqueViolation = 2067; // SQLITE_CONSTRAINT_UNIQUE
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    /// <summary>The writer's own connection, opened again after a failed commit.</summary>
    private SqliteConnection? _writerConnection;

    public SqliteEventStore(string path, TimeProvider? clock = null) : base(clock)
    {
        OwnerOnlyFiles.Folder(Path.GetDirectoryName(Path.GetFullPath(path))!, ours: false);
        // SQLite gives the -wal and -shm files it creates the database file's mode; ones left by older silos are set here.
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) OwnerOnlyFiles.Own(file, create: file == path);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        // Unpooled: a connection dropped after a failed commit must really close, not go back to the pool mid-transaction.
        _writerConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var c = Open(_connectionString))
            Execute(c, """
                PRAGMA journal_mode=WAL;
                CREATE TABLE IF NOT EXISTS hall_event(
                  hall_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL,
                  idem_key TEXT, at TEXT NOT NULL, UNIQUE (hall_id, seq));
                CREATE INDEX IF NOT EXISTS hall_event_at ON hall_event(hall_id, at, seq);
                CREATE TABLE IF NOT EXISTS hall_snapshot(hall_id TEXT PRIMARY KEY, seq INTEGER NOT NULL, state TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS store_probe(id INTEGER PRIMARY KEY, writes INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS record(key TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS hall_event_appointment ON hall_event(seq) WHERE kind = 'AppointmentBooked';
                """);
        StartWriter();
    }

    public override async Task<HallHistory> LoadAsync(string hallId, CancellationToken ct)
    {
        await using var c = Open(_connectionString);
        HallSnapshot? snapshot = null;
        long after = 0;
        await using (var q = c.CreateCommand())
        {
            q.CommandText = "SELECT seq, state FROM hall_snapshot WHERE hall_id = $h";
            q.Parameters.AddWithValue("$h", hallId);
            await using var r = await q.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                after = r.GetInt64(0);
                snapshot = EventJson.DeserializeSnapshot(r.GetString(1));
            }
        }
        var events = new List<HallEvent>();
        await using (var q = c.CreateCommand())
        {
            q.CommandText = "SELECT body FROM hall_event WHERE hall_id = $h AND seq > $s ORDER BY seq";
            q.Parameters.AddWithValue("$h", hallId);
            q.Parameters.AddWithValue("$s", after);
            await using var r = await q.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) events.Add(EventJson.Deserialize(r.GetString(0)));
        }
        return new HallHistory(snapshot, events);
    }

    public override async Task<IReadOnlyList<LoggedEvent>> ReadAsync(string hallId, EventRange range, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(range.Limit);   // SQLite reads a negative LIMIT as none
        await using var c = Open(_connectionString);
        await using var q = c.CreateCommand();
        q.CommandText = """
            SELECT seq, body FROM hall_event
            WHERE hall_id = $h AND at >= $f AND at < $t AND ($k IS NULL OR kind = $k) AND ($b IS NULL OR json_extract(body, '$.by') = $b)
            ORDER BY at DESC, seq DESC LIMIT $n
            """;
        q.Parameters.AddWithValue("$h", hallId);
        q.Parameters.AddWithValue("$f", AtText(range.From));
        q.Parameters.AddWithValue("$t", AtText(range.To));
        q.Parameters.AddWithValue("$k", (object?)range.Kind ?? DBNull.Value);
        q.Parameters.AddWithValue("$b", (object?)range.By ?? DBNull.Value);
        q.Parameters.AddWithValue("$n", range.Limit);
        var events = new List<LoggedEvent>();
        await using var r = await q.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) events.Add(new LoggedEvent(r.GetInt64(0), EventJson.Deserialize(r.GetString(1))));
        return events;
    }

    public override async Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(string hallId, long afterSeq, int limit, string? kind, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var c = Open(_connectionString);
        await using var q = c.CreateCommand();
        q.CommandText = "SELECT seq, body FROM hall_event WHERE hall_id = $h AND seq > $s AND ($k IS NULL OR kind = $k) ORDER BY seq LIMIT $n";
        q.Parameters.AddWithValue("$h", hallId);
        q.Parameters.AddWithValue("$s", afterSeq);
        q.Parameters.AddWithValue("$k", (object?)kind ?? DBNull.Value);
        q.Parameters.AddWithValue("$n", limit);
        var events = new List<LoggedEvent>();
        await using var r = await q.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) events.Add(new LoggedEvent(r.GetInt64(0), EventJson.Deserialize(r.GetString(1))));
        return events;
    }

    public override async Task<StoredRecord?> ReadRecordAsync(string key, CancellationToken ct)
    {
        await using var c = Open(_connectionString);
        await using var q = c.CreateCommand();
        q.CommandText = "SELECT version, body FROM record WHERE key = $k";
        q.Parameters.AddWithValue("$k", key);
        await using var r = await q.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new StoredRecord(r.GetInt64(0), r.GetString(1)) : null;
    }

    protected override Task CommitBatchAsync(List<Write> batch)
    {
        try
        {
            _writerConnection ??= OpenWriter();
            Commit(_writerConnection, batch);
            Landed(batch);
        }
        catch (Exception)
        {
            // One bad write must not fail its neighbours: retry each alone so only the culprit fails.
            Drop(ref _writerConnection);
            foreach (var w in batch) CommitAlone(ref _writerConnection, w);
        }
        return Task.CompletedTask;
    }

    protected override ValueTask CloseAsync()
    {
        _writerConnection?.Dispose();
        return ValueTask.CompletedTask;
    }

    private void CommitAlone(ref SqliteConnection? c, Write w)
    {
        try
        {
            c ??= OpenWriter();
            Commit(c, [w]);
            Landed([w]);
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == UniqueViolation && w is AppendWrite a)
        {
            w.Done.TrySetException(new SeqTakenException(a.HallId, a.FirstSeq, e));
        }
        catch (Exception e)
        {
            Drop(ref c);
            Failed([w], e);
        }
    }

    // After a failed commit (SQLITE_FULL, an I/O error, or anything but SQLite) the connection's state is not ours to trust:
    // the next write opens a new one, so one bad batch never leaves the writer broken.
    private static void Drop(ref SqliteConnection? c)
    {
        try { c?.Dispose(); }
        catch (SqliteException) { }   // its rollback may fail too; the connection is gone either way
        c = null;
    }

    private SqliteConnection OpenWriter()
    {
        var c = Open(_writerConnectionString);
        // secure_delete: what a purge removes is overwritten with zeros, not merely unlinked and left in the file.
        Execute(c, "PRAGMA synchronous=FULL; PRAGMA secure_delete=ON;");
        return c;
    }

    private void Commit(SqliteConnection c, List<Write> batch)
    {
        using var tx = c.BeginTransaction();
        using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO hall_event(hall_id, seq, kind, body, idem_key, at) VALUES ($h, $s, $k, $b, $i, $a)";
        var (h, s, k, b, i, a) = (insert.Parameters.Add("$h", SqliteType.Text), insert.Parameters.Add("$s", SqliteType.Integer),
            insert.Parameters.Add("$k", SqliteType.Text), insert.Parameters.Add("$b", SqliteType.Text),
            insert.Parameters.Add("$i", SqliteType.Text), insert.Parameters.Add("$a", SqliteType.Text));
        insert.Prepare();
        var (appended, purged) = (0, false);
        foreach (var w in batch)
        {
            switch (w)
            {
                case AppendWrite append:
                    for (var n = 0; n < append.Events.Count; n++)
                    {
                        var e = append.Events[n];
                        h.Value = append.HallId;
                        s.Value = append.FirstSeq + n;
                        k.Value = EventJson.Kind(e);
                        b.Value = EventJson.Serialize(e);
                        i.Value = (object?)e.Key ?? DBNull.Value;
                        a.Value = AtText(e.At);
                        insert.ExecuteNonQuery();
                    }
                    appended++;
                    break;
                case ProbeWrite:
                    using (var probe = c.CreateCommand())
                    {
                        probe.Transaction = tx;
                        probe.CommandText = "INSERT INTO store_probe(id, writes) VALUES (1, 1) ON CONFLICT(id) DO UPDATE SET writes = writes + 1";
                        probe.ExecuteNonQuery();
                    }
                    break;
                case RecordWrite record:
                    using (var save = c.CreateCommand())
                    {
                        // Nothing changes when the stored version is not the one before: the writer hears it is stale.
                        save.Transaction = tx;
                        save.CommandText = record.Version == 1
                            ? "INSERT INTO record(key, version, body) VALUES ($k, 1, $b) ON CONFLICT(key) DO NOTHING"
                            : "UPDATE record SET version = $v, body = $b WHERE key = $k AND version = $v - 1";
                        save.Parameters.AddWithValue("$k", record.Key);
                        save.Parameters.AddWithValue("$v", record.Version);
                        save.Parameters.AddWithValue("$b", record.Json);
                        if (save.ExecuteNonQuery() == 0) record.Taken();
                    }
                    break;
                case SnapshotWrite snap:
                    using (var save = c.CreateCommand())
                    {
                        save.Transaction = tx;
                        save.CommandText = """
                            INSERT INTO hall_snapshot(hall_id, seq, state) VALUES ($h, $s, $j)
                            ON CONFLICT(hall_id) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE excluded.seq > hall_snapshot.seq
                            """;
                        save.Parameters.AddWithValue("$h", snap.HallId);
                        save.Parameters.AddWithValue("$s", snap.Seq);
                        save.Parameters.AddWithValue("$j", snap.Json);
                        save.ExecuteNonQuery();
                    }
                    break;
                case PurgeWrite purge:
                    purge.Purged = Purge(c, tx, purge.SlotsEndedBefore);
                    purged |= purge.Purged != new PersonalDataPurged(0, 0);
                    break;
            }
        }
        tx.Commit();
        // The WAL still holds the pages as they were before the purge: copy it into the file and empty it.
        if (purged) Execute(c, "PRAGMA wal_checkpoint(TRUNCATE);");
        Commits++;
        Appends += appended;
    }

    /// <summary>How <c>at</c> is stored: UTC in round-trip form, the same width for every row, so text order is time order
    /// and a time range is an index range.</summary>
    private static string AtText(DateTimeOffset at) => at.ToUniversalTime().ToString("O");

    private static PersonalDataPurged Purge(SqliteConnection c, SqliteTransaction tx, DateTimeOffset slotsEndedBefore)
    {
        using var events = c.CreateCommand();
        events.Transaction = tx;
        events.CommandText = """
            UPDATE hall_event SET body = json_remove(body, '$.name', '$.phone')
            WHERE kind = 'AppointmentBooked' AND (json_type(body, '$.name') IS NOT NULL OR json_type(body, '$.phone') IS NOT NULL)
              AND julianday(json_extract(body, '$.slotEnd')) < julianday($before)
            """;
        events.Parameters.AddWithValue("$before", slotsEndedBefore.ToUniversalTime().ToString("O"));
        using var snapshots = c.CreateCommand();
        snapshots.Transaction = tx;
        // json(): JSON values keep their type only as function arguments, not through CASE or a subquery.
        snapshots.CommandText = """
            UPDATE hall_snapshot SET state = json_set(state, '$.appointments', json((
              SELECT json_group_array(json(CASE WHEN julianday(json_extract(a.value, '$.slotEnd')) < julianday($before)
                THEN json_remove(a.value, '$.name', '$.phone') ELSE a.value END))
              FROM json_each(hall_snapshot.state, '$.appointments') AS a)))
            WHERE EXISTS (SELECT 1 FROM json_each(hall_snapshot.state, '$.appointments') AS a
              WHERE julianday(json_extract(a.value, '$.slotEnd')) < julianday($before)
                AND (json_type(a.value, '$.name') IS NOT NULL OR json_type(a.value, '$.phone') IS NOT NULL))
            """;
        snapshots.Parameters.AddWithValue("$before", slotsEndedBefore.ToUniversalTime().ToString("O"));
        return new PersonalDataPurged(events.ExecuteNonQuery(), snapshots.ExecuteNonQuery());
    }

    private static SqliteConnection Open(string connectionString)
    {
        var c = new SqliteConnection(connectionString);
        c.Open();
        return c;
    }

    /// <summary>One statement, no answer (the backup runs its pragmas through it too).</summary>
    internal static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
