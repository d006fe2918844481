using Queue.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace Queue.Silo.Api;

/// <summary>
/// Malformed or oversized bodies, and anything unexpected, still answer problem+json in both languages.
/// </summary>
public sealed class BadRequestHandler(ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } =>
                Problems.Invalid("body-too-large", "请求内容过大", "The request body is too large.").ToStatus(413),
            BadHttpRequestException e =>
                Problems.Invalid("malformed-request", "请求格式不正确，请检查 JSON", $"The request is malformed: {e.Message}").ToStatus(e.StatusCode),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
            problem = Hall.Refusal.Invalid("internal-error", "服务器内部错误，请稍后重试", "Internal server error; please retry.").ToProblem(500);
        }
        await problem.ExecuteAsync(http);
        return true;
    }
}
