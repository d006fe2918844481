using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Queue.Silo.Alerts;
using Queue.Silo.Api;
using Queue.Silo.Grains;
using Queue.Silo.Hubs;
using Queue.Silo.Storage;

namespace Queue.Silo.Halls;

public static class HallsSetup
{
    /// <summary>The hall catalog, the Orleans silo that hosts the hall grains, and who hears about their events.</summary>
    public static IHostApplicationBuilder AddHalls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HallOptions>().BindConfiguration("Halls")
            .Validate(o => o.IdleTime >= TimeSpan.FromMinutes(1), "Halls:IdleTime is at least 00:01:00").ValidateOnStart();
        var halls = builder.Configuration.GetSection("Halls").Get<HallOptions>() ?? new();
        var ports = builder.Configuration.GetSection("Orleans").Get<SiloEndpointOptions>() ?? new();
        // Read before the silo starts, so an inconsistent hall file stops it with a clear message.
        builder.Services.AddHallServices(LoadCatalog(halls, builder.Environment.ContentRootPath));
        builder.UseOrleans(silo => silo.UseLocalhostClustering(ports.SiloPort, ports.GatewayPort).AddHallGrains(halls));
        return builder;
    }

    /// <summary>What a hall grain needs beside the event store; the grain tests' silos register the same.</summary>
    public static IServiceCollection AddHallServices(this IServiceCollection services, HallCatalog catalog)
    {
        services.AddSingleton(catalog);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HallAudience>();
        services.AddSingleton<IHallListener, HubNotifier>();
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

    /// <summary>Our own records (commands, answers, views) go through Orleans as JSON: no Orleans attributes on domain types.</summary>
    public static IServiceCollection AddHallSerializer(this IServiceCollection services) =>
        services.AddSerializer(s => s.AddJsonSerializer(IsOurs, IsOurs, o => o.Configure(j => j.SerializerOptions.Converters.Add(Enums))));

    /// <summary>The event log: SQLite by default.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("Storage")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Storage:Path is required").ValidateOnStart();
        builder.Services.AddSingleton<IEventStore>(sp => new SqliteEventStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path));
        return builder;
    }

    /// <summary>REST and hub plumbing: JSON shape, problem+json for every refusal, body limits, OpenAPI.</summary>
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(Enums));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = BodyLimit.MaxBytes);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Status-code pages (an unknown URL, say) get the same bilingual shape as our own refusals.
            if (ctx.ProblemDetails.Extensions.ContainsKey("code")) return;
            var (code, zh) = ctx.ProblemDetails.Status switch
            {
                404 => ("not-found", "找不到该地址"),
                405 => ("method-not-allowed", "不支持该请求方法"),
                415 => ("unsupported-media-type", "请使用 application/json"),
                _ => ("error", "请求失败"),
            };
            ctx.ProblemDetails.Type = $"urn:queue:{code}";
            ctx.ProblemDetails.Extensions["code"] = code;
            ctx.ProblemDetails.Extensions["zh"] = zh;
            ctx.ProblemDetails.Extensions["en"] = ctx.ProblemDetails.Title;
            ctx.ProblemDetails.Detail ??= ctx.ProblemDetails.Title;
            ctx.ProblemDetails.Title = zh;
        });
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(Enums));
        return builder;
    }

    private static readonly JsonStringEnumConverter Enums = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    private static bool IsOurs(Type t) => t.Namespace?.StartsWith("Queue.", StringComparison.Ordinal) == true;

    private static HallCatalog LoadCatalog(HallOptions options, string contentRoot)
    {
        var configs = HallConfigFiles.LoadDirectory(FindSeeds(options.Seeds, contentRoot));
        return new HallCatalog(options.CopiesPerSeed > 0 ? configs.SelectMany(c => HallConfigFiles.Copies(c, options.CopiesPerSeed)) : configs);
    }

    private static string FindSeeds(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured) || Directory.Exists(configured)) return Path.GetFullPath(configured);
        var beside = Path.GetFullPath(Path.Combine(contentRoot, "..", configured));
        return Directory.Exists(beside) ? beside : Path.GetFullPath(configured);
    }
}
