using Microsoft.AspNetCore.OutputCaching;

namespace Queue.Silo.Api;

/// <summary>
/// The OpenAPI document is the same for every caller and takes about half a second of CPU to build, and anyone may ask
/// for it: so it is built once. The framework's default output-cache policy would build it anew for every signed-in
/// caller and every device (they carry a cookie or a token). An answer that sets a cookie (a session sliding on) is never kept.
/// </summary>
public sealed class OpenApiCache : IOutputCachePolicy
{
    public const string Name = "openapi";

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken ct)
    {
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = context.AllowCacheStorage = HttpMethods.IsGet(context.HttpContext.Request.Method);
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromDays(1);
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
