using Npgsql;

namespace Queue.Silo.Storage;

/// <summary>
/// The PostgreSQL log's tables, created or migrated when a silo starts. Each step runs once, in order, recorded in
/// schema_version; silos starting together take turns on an advisory lock. A new step is added at the end, never edited.
/// </summary>
public static class PostgresSchema
{
    private const long MigrationLock = 0x5155_4555_4500; // any constant shared by every silo of the cluster

    // No unique index on (hall_id, command kind, idem_key): it would refuse legitimate events. Decide.Handle stamps
    // a command's key and kind on EVERY event it decides (a decision is a list of events), and a key is forgotten a day
    // after it was used (HallState drops it at DayStarted), after which the same key may come again as a new command.
    // A retry landing on another silo after a failover still gets the first answer: the hall replays its events, which
    // keep their key in idem_key and in the body, and the (hall_id, seq) key fences the stale activation's append.
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE IF NOT EXISTS hall_event(
          hall_id text NOT NULL, seq bigint NOT NULL, kind text NOT NULL, body jsonb NOT NULL,
          idem_key text, at timestamptz NOT NULL, PRIMARY KEY (hall_id, seq));
        CREATE TABLE IF NOT EXISTS hall_snapshot(hall_id text PRIMARY KEY, seq bigint NOT NULL, state jsonb NOT NULL);
        CREATE TABLE IF NOT EXISTS store_probe(id int PRIMARY KEY, writes bigint NOT NULL, at timestamptz NOT NULL);
        """,
        "CREATE TABLE IF NOT EXISTS record(key text PRIMARY KEY, version bigint NOT NULL, body jsonb NOT NULL)",
        // The audit reads a hall's events by time, newest first (IEventStore.ReadAsync).
        "CREATE INDEX IF NOT EXISTS hall_event_at ON hall_event(hall_id, at, seq)",
        // The personal-data purge reads appointments only; this index costs nothing to the other events' appends.
        "CREATE INDEX IF NOT EXISTS hall_event_appointment ON hall_event(hall_id, seq) WHERE kind = 'AppointmentBooked'",
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int Version => Steps.Length;

    public static void Migrate(NpgsqlDataSource db)
    {
        using var c = db.OpenConnection();
        using var tx = c.BeginTransaction();
        Execute(c, $"""
            SELECT pg_advisory_xact_lock({MigrationLock});
            CREATE TABLE IF NOT EXISTS schema_version(version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """);
        using var q = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", c);
        var current = (int)q.ExecuteScalar()!;
        if (current > Steps.Length)
            throw new InvalidOperationException($"The PostgreSQL log is at schema version {current}; this silo knows {Steps.Length}: upgrade the silo.");
        for (var v = current + 1; v <= Steps.Length; v++)
            Execute(c, Steps[v - 1] + $"; INSERT INTO schema_version(version) VALUES ({v});");
        tx.Commit();
    }

    private static void Execute(NpgsqlConnection c, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}
