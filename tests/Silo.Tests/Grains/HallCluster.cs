using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Queue.Hall;
using Queue.Silo.Grains;
using Queue.Silo.Halls;
using Queue.Silo.Hubs;
using Queue.Silo.Storage;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Grains;

/// <summary>
/// Two real Orleans silos in this process, hosting the hall grains over ONE SQLite log, as the silos of a cluster
/// share one database. Started once for every grain test (a cluster takes seconds); each test takes halls of its own.
/// </summary>
public sealed class HallCluster : IAsyncLifetime
{
    private static int _nextHall;
    // Without auto-call, so each test says itself which window calls.
    public static readonly HallConfig Seed = HallConfigFiles.Load(Path.Combine(SiloProcess.SeedsFolder, "shadaogou.hall.json")) with { AutoCall = false };
    private static readonly HallCatalog Catalog = new(HallConfigFiles.Copies(Seed, 50));
    private static readonly string DatabasePath = Path.Combine(Directory.CreateTempSubdirectory("queue-grains-").FullName, "queue.db");

    /// <summary>The log both silos append to; tests read it, and write to it as a second writer would.</summary>
    public static readonly SqliteEventStore Store = new(DatabasePath);

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A hall no other test uses: a copy of 沙道沟 (two windows).</summary>
    public static string NewHall() => $"{Seed.Id}-{Interlocked.Increment(ref _nextHall):D5}";

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddHallHub();
            silo.Services.AddHallServices(Catalog);
            silo.Services.AddSingleton<IEventStore>(Store);
            silo.AddHallGrains(new HallOptions());
        });
        builder.ConfigureClient(client => client.Services.AddHallSerializer());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Store.DisposeAsync();
    }
}

[CollectionDefinition(nameof(HallCluster))]
public sealed class HallClusterCollection : ICollectionFixture<HallCluster>;
