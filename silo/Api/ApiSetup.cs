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
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx => StatusPages.Bilingual(ctx.ProblemDetails));
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessRefused>();
        builder.Services.AddSingleton<DoorCodes>();
        builder.Services.AddOpenApi();
        builder.Services.AddOutputCache(o => o.AddPolicy(OpenApiCache.Name, new OpenApiCache()));
        return builder;
    }
}
