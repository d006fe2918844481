using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace Queue.Benchmarks;

/// <summary>
/// Why group commit barely pays on the current store: its table is clustered on (hall_id, seq) WITHOUT ROWID with
/// ~600-byte rows, so 1000 halls appending at once dirty ~1000 pages per commit. Same inserts, same settings
/// (WAL, synchronous=FULL), against a rowid table with a unique index on (hall_id, seq), and an append-only rowid
/// table with no index (the single writer would check seq itself; restart would read the log in one scan). Per append.
/// </summary>
public class StoreLayoutBenchmarks
{
    private const int Halls = 1000;
    [Params(10, 1000)] public int Group;

    private readonly Dictionary<string, (SqliteConnection Db, long[] Seq)> _dbs = [];
    private string _folder = null!;
    private readonly string _body = new('x', 520); // about a TicketIssued's JSON
    private int _nextHall;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("queue-bench-layout-").FullName;
        Open("WithoutRowid", "PRIMARY KEY (hall_id, seq)) WITHOUT ROWID;");
        Open("RowidAndIndex", "UNIQUE (hall_id, seq));");
        Open("AppendOnly", "CHECK (seq > 0));");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var (db, _) in _dbs.Values) db.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1000)]
    public void CurrentLayout() => Commits("WithoutRowid");

    [Benchmark(OperationsPerInvoke = 1000)]
    public void RowidLayout() => Commits("RowidAndIndex");

    [Benchmark(OperationsPerInvoke = 1000)]
    public void AppendOnlyLayout() => Commits("AppendOnly");

    // 1000 appends from different halls, committed in transactions of Group appends.
    private void Commits(string layout)
    {
        var (db, seq) = _dbs[layout];
        for (var done = 0; done < 1000; done += Group)
        {
            using var tx = db.BeginTransaction();
            using var insert = db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO hall_event VALUES ($h, $s, 'TicketIssued', $b, $k, '2026-11-23T00:30:00+00:00')";
            var (h, s, b, k) = (insert.Parameters.Add("$h", SqliteType.Text), insert.Parameters.Add("$s", SqliteType.Integer),
                insert.Parameters.Add("$b", SqliteType.Text), insert.Parameters.Add("$k", SqliteType.Text));
            insert.Prepare();
            for (var i = 0; i < Group; i++)
            {
                _nextHall = (_nextHall + 1) % Halls;
                (h.Value, s.Value, b.Value, k.Value) = ($"hall-{_nextHall:D5}", ++seq[_nextHall], _body, Guid.NewGuid().ToString());
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    private void Open(string name, string keyClause)
    {
        var db = new SqliteConnection($"Data Source={Path.Combine(_folder, name + ".db")}");
        db.Open();
        using var ddl = db.CreateCommand();
        ddl.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE hall_event(hall_id TEXT NOT NULL, " +
                          "seq INTEGER NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL, idem_key TEXT, at TEXT NOT NULL, " + keyClause;
        ddl.ExecuteNonQuery();
        _dbs[name] = (db, new long[Halls]);
    }
}
