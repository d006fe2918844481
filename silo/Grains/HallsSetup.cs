using Queue.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Queue.Silo.Alerts;
using Queue.Silo.Halls;
using Queue.Silo.Hosting;
using Queue.Silo.Metrics;

namespace Queue.Silo.Grains;

public static class HallsSetup
{
    /// <summary>The hall catalog, the Orleans silo that hosts the hall grains, and who hears about their events.</summary>
    public static IHostApplicationBuilder AddHalls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HallOptions>().BindConfiguration("Halls")
            // Orleans collects idle grains once a minute and refuses an age not above that.
            .Validate(o => o.IdleTime >= TimeSpan.FromMinutes(2), "Halls:IdleTime is at least 00:02:00")
            // Orleans' membership reads the same clock: a silo whose clock is ahead of its own start can be declared dead at start.
            .Validate(o => o.ClockStart is null || o.ClockStart <= DateTimeOffset.UtcNow, "Halls:ClockStart is not later than now")
            .ValidateOnStart();
        var halls = builder.Configuration.GetSection("Halls").Get<HallOptions>() ?? new();
        var cluster = builder.Configuration.GetSection("Cluster").Get<ClusterSettings>() ?? new();
        if (halls.ClockStart is { } start) builder.Services.AddSingleton<TimeProvider>(new StartedClock(start));
        // Read before the silo starts, so an inconsistent hall file stops it with a clear message.
        builder.Services.AddHallServices(LoadCatalog(halls, builder.Environment.ContentRootPath));
        builder.UseOrleans(silo => silo.AddCluster(cluster).AddHallGrains(halls));
        return builder;
    }

    /// <summary>What a hall grain needs beside the event store; the grain tests' silos register the same.</summary>
    public static IServiceCollection AddHallServices(this IServiceCollection services, HallCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HallAudience>();
        services.AddSingleton<IHallListener, WindowCalls>();
        services.AddMetrics();
        services.AddSingleton<HallMetrics>();
        services.AddSingleton<IHallListener>(sp => sp.GetRequiredService<HallMetrics>());
        services.AddSingleton<AlertBoard>();
        services.AddSingleton<AlertWatcher>();
        services.AddSingleton<DeviceHealth>();
        return services;
    }

    /// <summary>Idle halls leave memory after Halls:IdleTime; grain calls carry our records as JSON.</summary>
    public static ISiloBuilder AddHallGrains(this ISiloBuilder silo, HallOptions halls)
    {
        silo.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(HallGrain).FullName!] = halls.IdleTime);
        silo.Services.AddHallSerializer();
        return silo;
    }

    /// <summary>
    /// Our own records (commands, answers, views) cross silos as JSON, with no Orleans attributes on domain types,
    /// and are never copied within one (<see cref="ImmutableRecords"/>).
    /// </summary>
    public static IServiceCollection AddHallSerializer(this IServiceCollection services) => services
        .AddSingleton<IGeneralizedCopier, ImmutableRecords>()
        .AddSerializer(s => s.AddJsonSerializer(IsOurs, isCopyable: _ => false, o => o.Configure(j => j.SerializerOptions.Converters.Add(WireJson.Enums()))));


    internal static bool IsOurs(Type t) => t.Namespace?.StartsWith("Queue.", StringComparison.Ordinal) == true;

    private static HallCatalog LoadCatalog(HallOptions options, string contentRoot)
    {
        var configs = HallConfigFiles.LoadDirectory(AppFolders.Find(contentRoot, options.Seeds));
        return new HallCatalog(options.CopiesPerSeed > 0 ? configs.SelectMany(c => HallConfigFiles.Copies(c, options.CopiesPerSeed)) : configs);
    }
}
