using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Grains;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>
/// POST /api/halls/{hallId}/windows/{windowNo}/{action}   the clerk console (窗口叫号)
/// actions: open (clerkId), call-next (204 when nobody waits), recall, start, complete, no-show, park,
/// resume-parked (number?), transfer (categoryCode | windowNo, reason?), pause, resume, close.
/// A repeated Idempotency-Key acts once.
/// </summary>
public static class WindowEndpoints
{

    public static readonly string[] Actions =
        ["open", "call-next", "recall", "start", "complete", "no-show", "park", "resume-parked", "transfer", "pause", "resume", "close"];

    public static IEndpointRouteBuilder MapWindows(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/halls/{hallId}/windows").WithTags("Windows (clerk console)")
            .MapPost("/{windowNo}/{action}", Act);
        return app;
    }

    private static async Task<IResult> Act(string hallId, string windowNo, string action, WindowActionBody? body, HttpRequest request, HallCatalog catalog, IGrainFactory grains)
    {
        if (HallCalls.CheckKey(request, required: false, out var key) is { } bad) return bad;
        if (!int.TryParse(windowNo, out var no))
            return Refusal.NotFound("window-not-found", $"窗口号 {windowNo} 无效", $"'{windowNo}' is not a window number.").ToProblem();
        HallCommand? command = action switch
        {
            "open" when body?.ClerkId is { Length: > 0 and <= 64 } clerk => new OpenWindow(no, clerk.Trim()),
            "open" => null,
            "call-next" => new CallNext(no),
            "recall" => new Recall(no),
            "start" => new StartService(no),
            "complete" => new CompleteService(no),
            "no-show" => new MarkNoShow(no),
            "park" => new ParkTicket(no),
            "resume-parked" => new ResumeParked(no, body?.Number),
            "transfer" => new TransferTicket(no, body?.CategoryCode, body?.WindowNo, body?.Reason),
            "pause" => new PauseWindow(no),
            "resume" => new ResumeWindow(no),
            "close" => new CloseWindow(no),
            _ => null,
        };
        if (command is null)
            return action == "open"
                ? Problems.Invalid("clerk-required", "开窗需要填写工号（clerkId）", "Opening a window needs the clerk's id (clerkId, at most 64 characters).")
                : Refusal.NotFound("unknown-action", $"未知的窗口操作 {action}", $"Unknown window action '{action}'; use one of: {string.Join(", ", Actions)}.").ToProblem();

        return await HallCalls.Run(catalog, grains, hallId, command with { Key = key }, a =>
            command is CallNext && a.Ticket is null ? TypedResults.NoContent() : TypedResults.Ok(new WindowActionView(a.Window!, a.Ticket)));
    }
}
