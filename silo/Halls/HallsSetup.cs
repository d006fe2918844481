using Queue.Contracts;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Queue.Silo.Alerts;
using Queue.Silo.Api;
using Queue.Silo.Hubs;
using Queue.Silo.Storage;

namespace Queue.Silo.Halls;

public static class HallsSetup
{
    /// <summary>The halls, their mailboxes, and who hears about their events.</summary>
    public static IHostApplicationBuilder AddHalls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HallOptions>().BindConfiguration("Halls").ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<HallRegistry>();
        builder.Services.AddSingleton<HallAudience>();
        builder.Services.AddSingleton<IHallListener, HubNotifier>();
        builder.Services.AddSingleton<AlertBoard>();
        builder.Services.AddSingleton<DeviceHealth>();
        builder.Services.AddHostedService<HallLoader>();
        builder.Services.AddHostedService<AlertWatcher>();
        return builder;
    }

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
        var enums = new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(enums));
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
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(enums));
        return builder;
    }
}
