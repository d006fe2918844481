using Microsoft.AspNetCore.SignalR;
using Queue.Contracts;
using Queue.Silo.Halls;

namespace Queue.Silo.Hubs;

public static class HubsSetup
{
    /// <summary>
    /// The live hub and who pushes through it. Grains, alerts and the print desk send through
    /// <see cref="IHubClients{T}"/> of <see cref="IHallClient"/>, so none of them needs the hub class itself.
    /// </summary>
    public static IServiceCollection AddHallHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(WireJson.Enums()));
        services.AddSingleton(sp => sp.GetRequiredService<IHubContext<HallHub, IHallClient>>().Clients);
        services.AddSingleton<IHallListener, HubNotifier>();
        return services;
    }
}
