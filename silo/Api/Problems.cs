using Queue.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Hall;

namespace Queue.Silo.Api;

/// <summary>The one way a refusal becomes problem+json: stable code, Chinese title, English detail.</summary>
public static class Problems
{
    public static ProblemHttpResult ToProblem(this Refusal r, int? status = null) =>
        TypedResults.Problem(
            title: r.Zh, detail: r.En, type: $"urn:queue:{r.Code}",
            statusCode: status ?? r.Kind switch
            {
                RefusalKind.NotFound => 404, RefusalKind.Invalid => 400, RefusalKind.Unavailable => 503, RefusalKind.Unprocessable => 422,
                RefusalKind.Forbidden => 403,
                RefusalKind.Unauthorized => 401, RefusalKind.Locked => 423, _ => 409,
            },
            extensions: new Dictionary<string, object?> { ["code"] = r.Code, ["zh"] = r.Zh, ["en"] = r.En });

    public static ProblemHttpResult ToStatus(this ProblemHttpResult p, int status)
    {
        p.ProblemDetails.Status = status;
        return TypedResults.Problem(p.ProblemDetails);
    }

    public static ProblemHttpResult HallNotFound(string hallId) =>
        Refusal.NotFound("hall-not-found", $"没有大厅 {hallId}", $"Hall '{hallId}' does not exist.").ToProblem();

    public static ProblemHttpResult Invalid(string code, string zh, string en) => Refusal.Invalid(code, zh, en).ToProblem();

    /// <summary>403: someone is speaking (an account or a device) but may not do this here.</summary>
    public static ProblemHttpResult Forbidden() =>
        Invalid("forbidden", "无权进行此操作（账号或设备的权限不包括这一项）", "This account or device may not do this here.").ToStatus(StatusCodes.Status403Forbidden);

    public static ProblemHttpResult KioskIdTooLong() => Invalid("kiosk-id-invalid", "kioskId 不能超过 64 个字符", "kioskId has at most 64 characters.");

    public static ProblemHttpResult KioskMismatch(string named, string device) => Refusal.Invalid("kiosk-mismatch",
        $"该设备属于取号机 {device}，不能代取号机 {named} 取号或打印", $"This device belongs to kiosk '{device}'; it cannot act for kiosk '{named}'.").ToProblem(403);

    public static ProblemHttpResult KeyRequired() =>
        Invalid("idempotency-key-required", "缺少 Idempotency-Key 请求头（每次取号一个，重试时不变）",
            "The Idempotency-Key header is required (one per action, the same on retry).");

    public static ProblemHttpResult KeyTooLong() =>
        Invalid("idempotency-key-invalid", "Idempotency-Key 不能超过 100 个字符", "The Idempotency-Key header has at most 100 characters.");
}
