using Queue.Contracts;
using Microsoft.AspNetCore.Http.Json;

namespace Queue.Silo.Api;

public static class ApiSetup
{
    /// <summary>REST plumbing: JSON shape, problem+json for every refusal, body limits, OpenAPI.</summary>
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(WireJson.Enums()));
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
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessRefused>();
        builder.Services.AddOpenApi();
        builder.Services.AddOutputCache(o => o.AddPolicy(OpenApiCache.Name, new OpenApiCache()));
        return builder;
    }
}
