namespace Queue.Silo.Api;

/// <summary>
/// The Idempotency-Key header, trimmed; null when absent. A handler that takes one passes it on as the command's
/// Key, so a retry (a double click, a kiosk on a flaky network) acts once. <see cref="IdempotencyKeys.Check"/>
/// validates it before the handler runs.
/// </summary>
public readonly record struct IdempotencyKey(string? Value)
{
    public const int MaxLength = 100;

    public static ValueTask<IdempotencyKey> BindAsync(HttpContext http) => ValueTask.FromResult(From(http.Request));

    public static IdempotencyKey From(HttpRequest request) =>
        new(request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k.Trim() : null);
}

public static class IdempotencyKeys
{
    private sealed class Required;

    /// <summary>The route refuses a request without a key (取号: a retry must never make a second ticket).</summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder route) => route.WithMetadata(new Required());

    /// <summary>
    /// A group filter for every handler that takes an <see cref="IdempotencyKey"/>: at most
    /// <see cref="IdempotencyKey.MaxLength"/> characters, and present where the route requires it. Others are left alone.
    /// </summary>
    public static EndpointFilterDelegate Check(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        if (!context.MethodInfo.GetParameters().Any(p => p.ParameterType == typeof(IdempotencyKey))) return next;
        return async call =>
        {
            var http = call.HttpContext;
            return IdempotencyKey.From(http.Request).Value switch
            {
                null when http.GetEndpoint()?.Metadata.GetMetadata<Required>() is not null => Problems.KeyRequired(),
                { Length: > IdempotencyKey.MaxLength } => Problems.KeyTooLong(),
                _ => await next(call),
            };
        };
    }
}
