using System.Collections.Concurrent;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Cluster;

/// <summary>
/// Silo processes on loopback that form one Orleans cluster through the redis-server named by QUEUE_TEST_REDIS
/// (tests/run.sh starts one), each cluster under its own Cluster:Id so tests never see each other's silos.
/// All of them append to ONE SQLite file: a test-only arrangement until the PostgreSQL store lands, since SQLite's
/// WAL lets processes on one machine share a file (two writers take turns on its lock, each waiting up to the
/// connection's 30 s default timeout). A real cluster's log is PostgreSQL (Storage:Postgres).
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    public static string? Redis => Environment.GetEnvironmentVariable("QUEUE_TEST_REDIS") is { Length: > 0 } r ? r : null;

    private readonly string _folder = Directory.CreateTempSubdirectory("queue-cluster-").FullName;
    private readonly ConcurrentDictionary<(int Silo, string Hall), int> _activations = new();
    private readonly List<SiloProcess> _silos = [];

    public string Id { get; } = $"test-{Guid.NewGuid():N}";
    public IReadOnlyList<SiloProcess> Silos => _silos;
    public SiloProcess this[int i] => _silos[i];

    /// <summary>Starts <paramref name="count"/> silos together and returns once every one answers /healthz.</summary>
    public static async Task<SiloCluster> Start(int count)
    {
        var redis = Redis ?? throw new InvalidOperationException(
            "QUEUE_TEST_REDIS (host:port of a redis-server) is not set; tests/run.sh starts one (tests/redis.sh)");
        var cluster = new SiloCluster();
        for (var i = 0; i < count; i++)
        {
            var silo = new SiloProcess();
            var index = i;
            silo.Line += line => cluster.Heard(index, line);
            cluster._silos.Add(silo);
        }
        await Task.WhenAll(cluster._silos.Select(s => s.StartAsync(
            $"--Cluster:Redis={redis}", $"--Cluster:Id={cluster.Id}", $"--Storage:Path={Path.Combine(cluster._folder, "queue.db")}",
            "--RateLimits:taking:PermitLimit=1000000", "--RateLimits:lookup:PermitLimit=1000000",
            // HallLog.Activated names each hall a silo activates: which silo holds it, and how often it was activated.
            "--Logging:LogLevel:Queue.Silo.Grains.HallGrain=Information")));
        return cluster;
    }

    /// <summary>How many times silo <paramref name="silo"/> has activated <paramref name="hall"/>.</summary>
    public int Activations(int silo, string hall) => _activations.GetValueOrDefault((silo, hall));

    /// <summary>The silos that have activated <paramref name="hall"/> so far.</summary>
    public int[] Holders(string hall) => Enumerable.Range(0, _silos.Count).Where(i => Activations(i, hall) > 0).ToArray();

    private void Heard(int silo, string line)
    {
        // "Hall {Hall} activated at seq {Seq} in {Ms} ms"
        var at = line.IndexOf("Hall ", StringComparison.Ordinal);
        var end = line.IndexOf(" activated at seq ", StringComparison.Ordinal);
        if (at < 0 || end < at) return;
        var hall = line[(at + "Hall ".Length)..end];
        _activations.AddOrUpdate((silo, hall), 1, (_, n) => n + 1);
    }

    public async ValueTask DisposeAsync()
    {
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
    public RedisFactAttribute()
    {
        if (SiloCluster.Redis is null && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = "needs QUEUE_TEST_REDIS=host:port of a redis-server (tests/run.sh starts one)";
    }
}

/// <summary>Cluster tests run alone: with other tests loading both cores, a silo could miss its 1 s probes and be declared dead.</summary>
[CollectionDefinition(nameof(SiloCluster), DisableParallelization = true)]
public sealed class SiloClusterCollection;
