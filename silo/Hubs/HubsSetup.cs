using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Queue.Contracts;
using Queue.Silo.Access;
using Queue.Silo.Api;
using Queue.Silo.Grains;
using Queue.Silo.Halls;

namespace Queue.Silo.Hubs;

public static class HubsSetup
{
    /// <summary>
    /// The live hub and who pushes through it. Grains, alerts and the print desk send through
    /// <see cref="IHubClients{T}"/> of <see cref="IHallClient"/>, so none of them needs the hub class itself.
    /// In a cluster the hub's messages go through Redis, because a hall's grain runs on one silo and its screens are
    /// connected to any: each silo passes on what its own connections are to get.
    /// </summary>
    public static IServiceCollection AddHallHub(this IServiceCollection services, ClusterSettings? cluster = null)
    {
        var signalR = services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(WireJson.Enums()));
        if (cluster is { IsShared: true })
        {
            signalR.AddStackExchangeRedis(cluster.Redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal(cluster.Id));
            services.AddSingleton<BackplaneResync>();
            services.AddOptions<RedisOptions>().Configure<BackplaneResync>((o, resync) => o.ConnectionFactory = log => resync.Connect(o.Configuration, log));
        }
        services.AddSingleton(new HubBackplane(cluster is { IsShared: true }));
        services.AddSingleton(sp => sp.GetRequiredService<IHubContext<HallHub, IHallClient>>().Clients);
        services.AddSingleton<IHallListener, HubNotifier>();
        return services;
    }

    /// <summary>
    /// /hubs/hall, with each connection's buffers bounded so a screen that stops reading costs only itself:
    /// it is dropped, reconnects, and starts again from HallState.
    /// </summary>
    public static IEndpointRouteBuilder MapHallHub(this IEndpointRouteBuilder app)
    {
        // Joining is anonymous for what the TV shows; HallHub checks each other role itself (see HallHub.OnConnectedAsync).
        // Only a device token that no longer holds is refused here (AccessPolicies.Hub).
        app.MapHub<HallHub>("/hubs/hall", o =>
        {
            // What may wait for one screen: the HallState of a 62-window hall and a burst of calls fit.
            o.ApplicationMaxBufferSize = 64 * 1024;
            // Screens only listen; the handshake and pings are all they send.
            o.TransportMaxBufferSize = 4 * 1024;
            // A send one screen has not taken within 2 s drops it (the default, 10 s, is how long a stalled TV
            // used to hold up its hall): a screen that cannot take a few KB in 2 s is not showing calls on time anyway.
            o.TransportSendTimeout = TimeSpan.FromSeconds(2);
        }).RequireAuthorization(AccessPolicies.Hub).Add(endpoint =>
        {
            // Every client of the hall connects by WebSocket without negotiating (HallConnection, shared/lib/hub.js). Anything
            // else here is refused like any other bad request, not in SignalR's plain text, and holds no connection open.
            var hub = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = http => http.AsksForWebSocket() ? hub(http) : WebSocketsOnly(http);
        });
        return app;
    }

    private static Task WebSocketsOnly(HttpContext http) => Problems.Invalid("websocket-required",
        "实时连接（/hubs/hall）只接受 WebSocket 连接", "The hub takes WebSocket connections only, without negotiation (skipNegotiation).").ExecuteAsync(http);
}

/// <summary>
/// Whether hub messages also reach screens connected to other silos (the Redis backplane). Then this silo's
/// <see cref="HallAudience"/> no longer knows who listens, and every commit is sent.
/// </summary>
public sealed record HubBackplane(bool Shared);
