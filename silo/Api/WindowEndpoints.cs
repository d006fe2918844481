using Queue.Silo.Halls;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Access;

namespace Queue.Silo.Api;

/// <summary>
/// The clerk console (窗口叫号); every action answers { window, ticket }, and a repeated Idempotency-Key acts once.
/// POST /api/halls/{hallId}/windows/{windowNo}/open            sign in ({ clerkId })
/// POST /api/halls/{hallId}/windows/{windowNo}/call-next       叫号; 204 when nobody eligible waits
/// POST /api/halls/{hallId}/windows/{windowNo}/recall          call the current ticket again
/// POST /api/halls/{hallId}/windows/{windowNo}/start           the resident sat down
/// POST /api/halls/{hallId}/windows/{windowNo}/complete        办结 (also a called ticket not yet started)
/// POST /api/halls/{hallId}/windows/{windowNo}/complete-and-call-next  办结并叫下一位; ticket null when nobody waits
/// POST /api/halls/{hallId}/windows/{windowNo}/reinstate       过号恢复 ({ number }): a no-show of today back near the head
/// POST /api/halls/{hallId}/windows/{windowNo}/no-show         过号
/// POST /api/halls/{hallId}/windows/{windowNo}/park            挂起
/// POST /api/halls/{hallId}/windows/{windowNo}/resume-parked   ({ number } or the oldest)
/// POST /api/halls/{hallId}/windows/{windowNo}/transfer        转办 ({ categoryCode } or { windowNo }, reason?)
/// POST /api/halls/{hallId}/windows/{windowNo}/pause           暂停
/// POST /api/halls/{hallId}/windows/{windowNo}/resume          恢复
/// POST /api/halls/{hallId}/windows/{windowNo}/close           sign out
/// POST /api/halls/{hallId}/windows/{windowNo}/{action}        anything else: window-not-found or unknown-action
/// </summary>
public static class WindowEndpoints
{
    private const int MaxClerkLength = 64;

    private static readonly (string Action, Delegate Handler)[] Routes =
    [
        ("open", Open),
        ("call-next", CallNext),
        ("recall", Plain(no => new Recall(no))),
        ("start", Plain(no => new StartService(no))),
        ("complete", Plain(no => new CompleteService(no))),
        ("complete-and-call-next", Plain(no => new CompleteAndCallNext(no))),
        ("reinstate", Reinstate),
        ("no-show", Plain(no => new MarkNoShow(no))),
        ("park", Plain(no => new ParkTicket(no))),
        ("resume-parked", ResumeParked),
        ("transfer", Transfer),
        ("pause", Plain(no => new PauseWindow(no))),
        ("resume", Plain(no => new ResumeWindow(no))),
        ("close", Plain(no => new CloseWindow(no))),
    ];

    public static RouteGroupBuilder MapWindows(this RouteGroupBuilder hall)
    {
        // Every window route declares the same optional body (WindowActionBody, each action reads what it needs), so
        // routing tells them apart by URL alone: with mixed body metadata it would pick the catch-all below over an
        // action for a request without a Content-Type.
        var windows = hall.MapGroup("/windows").WithTags("Windows (clerk console)").ProducesCommandProblems()
            .RequireAuthorization(AccessPolicies.WindowStaff)
            .WithMetadata(new AcceptsMetadata(["application/json"], typeof(WindowActionBody), isOptional: true));
        var window = windows.MapGroup("/{windowNo:int}");
        foreach (var (action, handler) in Routes) window.MapPost($"/{action}", handler);
        // A number that is not one, or an action we do not have: a bilingual answer like every other refusal
        // instead of the status page's plain not-found.
        windows.MapPost("/{windowNo}/{action}", NotAnAction);
        return hall;
    }

    /// <summary>A clerk opens under the account's own 工号; a manager may open a window for a named clerk (clerkId), or as themselves.</summary>
    private static async Task<Results<Ok<WindowActionView>, ProblemHttpResult>> Open(
        string hallId, int windowNo, WindowActionBody? body, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains)
    {
        var actor = Actor.Of(user)!;
        var clerk = actor.IsClerk ? actor.UserName! : body?.ClerkId?.Trim() is { Length: > 0 } named ? named : actor.UserName!;
        if (clerk.Length > MaxClerkLength)
            return Problems.Invalid("clerk-id-too-long", $"工号（clerkId）太长：{clerk.Length} 个字符，最多 {MaxClerkLength} 个",
                $"The clerk's id (clerkId) is too long: {clerk.Length} characters, at most {MaxClerkLength}.");
        if (actor.IsClerk && body?.ClerkId?.Trim() is { Length: > 0 } other && other != clerk)
            return Problems.Invalid("clerk-mismatch", $"您的工号是 {clerk}，不能以 {other} 的工号开窗", $"You are {clerk}; you cannot open a window as {other}.").ToStatus(403);
        return await Act(grains, hallId, new OpenWindow(windowNo, clerk) { Key = key.Value }.By(user));
    }

    private static Task<Results<Ok<WindowActionView>, NoContent, ProblemHttpResult>> CallNext(
        string hallId, int windowNo, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IHallGrain>(hallId).Run(new CallNext(windowNo) { Key = key.Value }.By(user)).ToHttpOrNoContent(Answer);

    private static Task<Results<Ok<WindowActionView>, ProblemHttpResult>> ResumeParked(
        string hallId, int windowNo, WindowActionBody? body, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains) =>
        Act(grains, hallId, new ResumeParked(windowNo, body?.Number) { Key = key.Value }.By(user));

    private static Task<Results<Ok<WindowActionView>, ProblemHttpResult>> Reinstate(
        string hallId, int windowNo, WindowActionBody? body, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains) =>
        Act(grains, hallId, new ReinstateNoShow(windowNo, body?.Number) { Key = key.Value }.By(user));

    private static Task<Results<Ok<WindowActionView>, ProblemHttpResult>> Transfer(
        string hallId, int windowNo, WindowActionBody? body, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains) =>
        Act(grains, hallId, new TransferTicket(windowNo, body?.CategoryCode, body?.WindowNo, body?.Reason) { Key = key.Value }.By(user, body?.Reason));

    /// <summary>The handler of an action that needs nothing but the window number.</summary>
    private static Func<string, int, IdempotencyKey, ClaimsPrincipal, IGrainFactory, Task<Results<Ok<WindowActionView>, ProblemHttpResult>>> Plain(
        Func<int, HallCommand> command) =>
        (string hallId, int windowNo, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains) =>
            Act(grains, hallId, (command(windowNo) with { Key = key.Value }).By(user));

    private static Task<Results<Ok<WindowActionView>, ProblemHttpResult>> Act(IGrainFactory grains, string hallId, HallCommand command) =>
        grains.GetGrain<IHallGrain>(hallId).Run(command).ToHttp(Answer);

    /// <summary>Staff see the ticket's number, matters and state, never its secret id.</summary>
    private static Ok<WindowActionView> Answer(HallAnswer a) => TypedResults.Ok(new WindowActionView(a.Window!, a.Ticket?.ForStaff()));

    // The number is read as the {windowNo:int} constraint reads it, so a valid action never lands here with a valid number.
    private static ProblemHttpResult NotAnAction(string windowNo, string action) => int.TryParse(windowNo, CultureInfo.InvariantCulture, out _)
        ? Refusal.NotFound("unknown-action", $"未知的窗口操作 {action}",
            $"Unknown window action '{action}'; use one of: {string.Join(", ", Routes.Select(r => r.Action))}.").ToProblem()
        : Refusal.NotFound("window-not-found", $"窗口号 {windowNo} 无效", $"'{windowNo}' is not a window number.").ToProblem();
}
