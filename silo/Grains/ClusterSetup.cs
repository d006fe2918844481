using System.Net;
using Orleans.Configuration;

namespace Queue.Silo.Grains;

public static class ClusterSetup
{
    /// <summary>
    /// Without Cluster:Redis, one silo on its own (localhost clustering), as a single hall office runs. With it, every silo
    /// naming the same Redis and Cluster:Id is one Orleans cluster: membership in Redis, this silo reachable at
    /// Cluster:AdvertisedAddress, failures detected as fast as Cluster:Membership says.
    /// </summary>
    public static ISiloBuilder AddCluster(this ISiloBuilder silo, ClusterSettings cluster)
    {
        if (!cluster.IsShared) return silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.Id, cluster.Id));
        silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort);
        silo.Services.AddOptions<ClusterMembershipOptions>().Configure(ForHalls).BindConfiguration("Cluster:Membership");
        return silo.UseRedisClustering(cluster.Redis);
    }

    /// <summary>
    /// A dead silo's halls must call again within seconds at the morning peak. Orleans' defaults take 11–14 s to declare
    /// a killed silo dead; these took 0.7–1.4 s here (shared/PACKAGES.md): probe every second and give up after two
    /// missed probes, one silo's vote is enough (a cluster of two could never out-vote otherwise), a vote counts for 10 s,
    /// and every silo re-reads the table every 2 s. The price is that a silo stalled for about 2 s (a long GC pause, a
    /// saturated core) is declared dead and restarts; the log's (hall, seq) fence keeps that safe, only slower.
    /// </summary>
    private static void ForHalls(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
    }
}

/// <summary>Configuration section "Cluster": where this silo listens, and the cluster it belongs to when there is one.</summary>
public sealed class ClusterSettings
{
    /// <summary>A StackExchange.Redis connection string; set, the silos that share it (and <see cref="Id"/>) form one cluster.</summary>
    public string Redis { get; set; } = "";
    /// <summary>Orleans' ClusterId and ServiceId, and the prefix of the hub's Redis channels: one Redis may serve several clusters.</summary>
    public string Id { get; set; } = "queue";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    /// <summary>The address other silos and clients reach this one at; loopback suits silos on one machine.</summary>
    public string AdvertisedAddress { get; set; } = IPAddress.Loopback.ToString();

    public bool IsShared => Redis.Length > 0;
}
