using Queue.Contracts;
namespace Queue.Silo.Api;

/// <summary>
/// Refuses bodies over the limit by their declared length before any handler reads them; Kestrel's own
/// MaxRequestBodySize (set to the same value) catches chunked bodies that declare no length.
/// </summary>
public static class BodyLimit
{
    public const long MaxBytes = 64 * 1024;

    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            await Problems.Invalid("body-too-large", "请求内容过大", $"The request body is larger than {MaxBytes / 1024} KB.").ToStatus(413).ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
