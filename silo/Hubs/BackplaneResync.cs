using StackExchange.Redis;
using Queue.Silo.Halls;

namespace Queue.Silo.Hubs;

/// <summary>
/// The backplane is fire-and-forget, and even a silo's own screens hear its messages through Redis: whatever was
/// published while this silo's Redis connection was down (a Redis restart) reached none of them. When the connection is
/// back, every hall someone on this silo watches sends its whole state again, through its grain, so the state comes in
/// order with the hall's other messages; screens on other silos are resynced by their own silo.
/// </summary>
public sealed class BackplaneResync(IGrainFactory grains, HallAudience audience, ILogger<BackplaneResync> logger)
{
    /// <summary>Connects the backplane's multiplexer (SignalR's RedisOptions.ConnectionFactory) and watches it.</summary>
    public async Task<IConnectionMultiplexer> Connect(ConfigurationOptions configuration, TextWriter log)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(configuration, log);
        redis.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription) _ = Resync(redis);
        };
        return redis;
    }

    private async Task Resync(IConnectionMultiplexer redis)
    {
        try
        {
            // The SUBSCRIBEs are queued on that connection before the event is raised: a PING answered after them
            // means this silo hears the hub's channels again, so the states sent next reach its screens.
            await redis.GetSubscriber().PingAsync();
            var halls = audience.Halls.ToArray();
            HubLog.Resyncing(logger, halls.Length);
            await Task.WhenAll(halls.Select(h => grains.GetGrain<IHallGrain>(h).Resync()));
        }
        catch (Exception e) { HubLog.ResyncFailed(logger, e); }
    }
}
