using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Queue.Hall.Events;
using Queue.Silo.Storage;
using Queue.Silo.Tests.Storage;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Cluster;

/// <summary>
/// Silo processes on loopback that form one Orleans cluster through a redis-server (QUEUE_TEST_REDIS, which tests/run.sh
/// starts, or a test's own), each cluster under its own Cluster:Id so tests never see each other's silos, optionally
/// behind nginx (<see cref="NginxFront"/>). The log is what a real cluster has, PostgreSQL, in a database of the
/// cluster's own when QUEUE_TEST_POSTGRES names a server (tests/run.sh starts one); without it, one SQLite file that
/// every silo appends to, which SQLite's WAL allows for processes on one machine (writers take turns on its lock).
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    public static string? Redis => Environment.GetEnvironmentVariable("QUEUE_TEST_REDIS") is { Length: > 0 } r ? r : null;
    private static bool HasPostgres => Environment.GetEnvironmentVariable(TestPostgres.Variable) is { Length: > 0 };

    private readonly string _folder = Directory.CreateTempSubdirectory("queue-cluster-").FullName;
    private readonly ConcurrentDictionary<(int Silo, string Hall), List<long>> _activations = new();
    private readonly ConcurrentDictionary<(int Silo, string Hall), List<(long, long)>> _appends = new();
    private readonly ConcurrentDictionary<int, DateTimeOffset> _backplaneBack = new();
    private readonly List<SiloProcess> _silos = [];

    public string Id { get; } = $"test-{Guid.NewGuid():N}";
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public SiloProcess this[int i] => _silos[i];
    /// <summary>nginx in front of every silo, when started with one.</summary>
    public NginxFront? Front { get; private set; }
    /// <summary>This cluster's own PostgreSQL database, or null when the silos share a SQLite file.</summary>
    public string? Postgres { get; } = HasPostgres ? TestPostgres.NewDatabase() : null;
    private string SqlitePath => Path.Combine(_folder, "queue.db");
    /// <summary>Which log the silos write, for a test's output.</summary>
    public string Log => Postgres is null ? "one SQLite file" : "PostgreSQL";

    /// <summary>
    /// Starts <paramref name="count"/> silos together (on <paramref name="redis"/>, else QUEUE_TEST_REDIS; with
    /// <paramref name="settings"/> after ours) and returns once every one answers /healthz, and nginx too when
    /// <paramref name="front"/>.
    /// </summary>
    public static async Task<SiloCluster> Start(int count, bool front = false, string? redis = null, params string[] settings)
    {
        redis ??= Redis ?? throw new InvalidOperationException(
            "QUEUE_TEST_REDIS (host:port of a redis-server) is not set; tests/run.sh starts one (tests/redis.sh)");
        var cluster = new SiloCluster();
        for (var i = 0; i < count; i++)
        {
            var silo = new SiloProcess();
            var index = i;
            silo.Line += line => cluster.Heard(index, line);
            cluster._silos.Add(silo);
        }
        string[] log = cluster.Postgres is { } pg ? [$"--Storage:Postgres={pg}"] : [$"--Storage:Path={cluster.SqlitePath}"];
        try
        {
            await Task.WhenAll(cluster._silos.Select(s => s.StartAsync([
                $"--Cluster:Redis={redis}", $"--Cluster:Id={cluster.Id}", ..log,
                "--RateLimits:taking:PermitLimit=1000000", "--RateLimits:lookup:PermitLimit=1000000",
                "--RateLimits:resident:PermitLimit=1000000",
                // HallLog.Activated names each hall a silo activates: which silo holds it, and how often it was activated.
                "--Logging:LogLevel:Queue.Silo.Grains.HallGrain=Information",
                // HubLog.Resyncing says when a silo's hub backplane is back after Redis was gone.
                "--Logging:LogLevel:Queue.Silo.Hubs.BackplaneResync=Information",
                // One line per entry, timed, so a failing test's output can put the silos' lines beside its clients'.
                "--Logging:Console:FormatterName=simple", "--Logging:Console:FormatterOptions:SingleLine=true",
                "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ", "--Logging:Console:FormatterOptions:UseUtcTimestamp=true",
                ..settings])));
            if (front) cluster.Front = await NginxFront.Start(cluster._silos.Select(s => s.Port));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();   // the silos that did start
            throw;
        }
    }

    /// <summary>How many times silo <paramref name="silo"/> has activated <paramref name="hall"/>.</summary>
    public int Activations(int silo, string hall) => ActivatedAt(silo, hall).Length;

    /// <summary>The seq <paramref name="hall"/> was at in the log each time silo <paramref name="silo"/> activated it.</summary>
    public long[] ActivatedAt(int silo, string hall)
    {
        if (!_activations.TryGetValue((silo, hall), out var seqs)) return [];
        lock (seqs) return [.. seqs];
    }

    /// <summary>The silos that have activated <paramref name="hall"/> so far.</summary>
    public int[] Holders(string hall) => Enumerable.Range(0, _silos.Count).Where(i => Activations(i, hall) > 0).ToArray();

    /// <summary>The halls silo <paramref name="silo"/> has activated so far.</summary>
    public string[] HallsOf(int silo) => _activations.Keys.Where(k => k.Silo == silo).Select(k => k.Hall).Order().ToArray();

    /// <summary>Every event of every hall, in seq order per hall, as the log holds them.</summary>
    public async Task<ILookup<string, (long Seq, HallEvent Event)>> Events()
    {
        await using DbConnection c = Postgres is { } pg ? new NpgsqlConnection(pg) : new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
        await c.OpenAsync();
        await using var q = c.CreateCommand();
        q.CommandText = Postgres is null
            ? "SELECT hall_id, seq, body FROM hall_event ORDER BY hall_id, seq"
            : "SELECT hall_id, seq, body::text FROM hall_event ORDER BY hall_id, seq";
        await using var r = await q.ExecuteReaderAsync();
        var rows = new List<(string Hall, long Seq, HallEvent Event)>();
        while (await r.ReadAsync()) rows.Add((r.GetString(0), r.GetInt64(1), EventJson.Deserialize(r.GetString(2))));
        return rows.ToLookup(row => row.Hall, row => (row.Seq, row.Event));
    }

    /// <summary>Freezes silo <paramref name="silo"/> (SIGSTOP): it holds its sockets and answers nothing, as in a long stall.</summary>
    public void Freeze(int silo) => Signals.Send(_silos[silo].Pid, Signals.Stop);

    /// <summary>Wakes a frozen silo (SIGCONT): it goes on from where it was, with what it believed then.</summary>
    public void Wake(int silo) => Signals.Send(_silos[silo].Pid, Signals.Continue);

    /// <summary>The seqs silo <paramref name="silo"/> appended for <paramref name="hall"/> (first, last of each append), when
    /// started with the hall grain's Debug log (<see cref="AppendsLogged"/>).</summary>
    public (long First, long Last)[] Appended(int silo, string hall)
    {
        if (!_appends.TryGetValue((silo, hall), out var ranges)) return [];
        lock (ranges) return [.. ranges];
    }

    /// <summary>The setting that makes every silo say what it appends (HallLog.Appended), for <see cref="Appended"/>.</summary>
    public const string AppendsLogged = "--Logging:LogLevel:Queue.Silo.Grains.HallGrain=Debug";

    /// <summary>What the silos said of <paramref name="hall"/> (HallLog), each line with its silo, in time order.</summary>
    public IEnumerable<string> Said(string hall) => Enumerable.Range(0, _silos.Count)
        .SelectMany(i => _silos[i].Output.Split('\n').Where(l => l.Contains($"] Hall {hall} ", StringComparison.Ordinal)).Select(l => $"{l[..12]} silo {i}: {l[12..].Trim()}"))
        .Order(StringComparer.Ordinal);

    /// <summary>When silo <paramref name="silo"/> last said its hub backplane was back and resynced its screens (HubLog.Resyncing).</summary>
    public DateTimeOffset? BackplaneBack(int silo) => _backplaneBack.TryGetValue(silo, out var at) ? at : null;

    private void Heard(int silo, string line)
    {
        if (line.Contains("The hub's Redis backplane is back", StringComparison.Ordinal)) _backplaneBack[silo] = DateTimeOffset.UtcNow;
        // HallLog: "Hall {Hall} activated at seq {Seq} in {Ms} ms", "Hall {Hall} appended seq {First} to {Last}"
        var message = line.IndexOf("] Hall ", StringComparison.Ordinal);
        if (message < 0) return;
        switch (line[(message + 2)..].Split(' '))
        {
            case ["Hall", var hall, "activated", "at", "seq", var seq, ..]:
                var seqs = _activations.GetOrAdd((silo, hall), _ => []);
                lock (seqs) seqs.Add(long.Parse(seq));
                break;
            case ["Hall", var hall, "appended", "seq", var first, "to", var last]:
                var ranges = _appends.GetOrAdd((silo, hall), _ => []);
                lock (ranges) ranges.Add((long.Parse(first), long.Parse(last)));
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Front is not null) await Front.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp anyway */ }
    }
}

/// <summary>
/// A test that needs Redis: skipped on a developer's machine without QUEUE_TEST_REDIS, but run (and failing with the
/// reason) under CI=true, where a missing Redis is a broken setup, not a reason to skip.
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = ClusterParts.Missing(front: false);
}

/// <summary>A test of silos behind nginx: as <see cref="RedisFactAttribute"/>, and nginx must be installed too.</summary>
public sealed class FrontFactAttribute : FactAttribute
{
    public FrontFactAttribute() => Skip = ClusterParts.Missing(front: true);
}

internal static class ClusterParts
{
    /// <summary>Why a cluster test cannot run here, or null; under CI=true always null, so a broken setup fails.</summary>
    public static string? Missing(bool front) =>
        Environment.GetEnvironmentVariable("CI") == "true" ? null
        : SiloCluster.Redis is null ? "needs QUEUE_TEST_REDIS=host:port of a redis-server (tests/run.sh starts one)"
        : front && NginxFront.Binary is null ? "needs nginx (apt-get install nginx; tests/run.sh installs it)"
        : null;
}

/// <summary>Cluster tests run alone: with other tests loading both cores, a silo could miss its 1 s probes and be declared dead.</summary>
[CollectionDefinition(nameof(SiloCluster), DisableParallelization = true)]
public sealed class SiloClusterCollection;
