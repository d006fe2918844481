using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Silo.Access;
using Queue.Silo.Halls;
using Queue.Silo.Ratings;
using Queue.Silo.Storage;

namespace Queue.Silo.Api;

/// <summary>
/// GET  /api/halls/{hallId}/manage/rating-cases?status=open|overdue|closed   差评 cases with their deadlines (open if not said)
/// POST /api/halls/{hallId}/manage/rating-cases/{id}/contact                 联系核实 { note }: who is the signed-in manager
/// POST /api/halls/{hallId}/manage/rating-cases/{id}/rectify                 整改 { note }
/// POST /api/halls/{hallId}/manage/rating-cases/{id}/close                   办结 { note }
/// GET  /api/halls/{hallId}/ratings/export?after={cursor}&amp;limit=            ratings and case changes for a provincial platform
/// </summary>
public static class RatingCaseEndpoints
{
    private static readonly string[] Statuses = ["open", "overdue", "closed"];

    public static RouteGroupBuilder MapRatingCases(this RouteGroupBuilder hall)
    {
        var cases = hall.MapGroup("/manage/rating-cases").WithTags("Rating cases (manager)").RequireAuthorization(AccessPolicies.HallManager)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        cases.MapGet("", List);
        cases.MapPost("/{id}/contact", Contact);
        cases.MapPost("/{id}/rectify", Rectify);
        cases.MapPost("/{id}/close", Close);
        hall.MapGet("/ratings/export", Export).WithTags("Ratings export").RequireAuthorization(AccessPolicies.RatingExport)
            .ProducesProblem(StatusCodes.Status400BadRequest).RequireRateLimiting(RateLimits.Device);
        return hall;
    }

    private static async Task<Results<Ok<IReadOnlyList<RatingCaseView>>, ProblemHttpResult>> List(string hallId, string? status, IGrainFactory grains)
    {
        var which = string.IsNullOrEmpty(status) ? "open" : status;
        if (!Statuses.Contains(which))
            return Problems.Invalid("status-invalid", "status 应为 open（未办结）、overdue（已超期）或 closed（已办结）",
                "status must be open (not closed), overdue or closed.");
        return TypedResults.Ok(await grains.GetGrain<IRatingCasesGrain>(hallId).List(which));
    }

    private static Task<Results<Ok<RatingCaseView>, ProblemHttpResult>> Contact(string hallId, string id, CaseNoteBody? body, ClaimsPrincipal user, IGrainFactory grains) =>
        Advance(hallId, id, CaseStatus.Contacted, body, user, grains);

    private static Task<Results<Ok<RatingCaseView>, ProblemHttpResult>> Rectify(string hallId, string id, CaseNoteBody? body, ClaimsPrincipal user, IGrainFactory grains) =>
        Advance(hallId, id, CaseStatus.Rectified, body, user, grains);

    private static Task<Results<Ok<RatingCaseView>, ProblemHttpResult>> Close(string hallId, string id, CaseNoteBody? body, ClaimsPrincipal user, IGrainFactory grains) =>
        Advance(hallId, id, CaseStatus.Closed, body, user, grains);

    private static async Task<Results<Ok<RatingCaseView>, ProblemHttpResult>> Advance(string hallId, string id, CaseStatus to, CaseNoteBody? body,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        var answer = await grains.GetGrain<IRatingCasesGrain>(hallId).Advance(id, to, Actor.Of(user)!.UserName!, body?.Note);
        return answer.Refusal is { } r ? r.ToProblem() : TypedResults.Ok(answer.Case!);
    }

    private static async Task<Results<Ok<RatingExportPage>, ProblemHttpResult>> Export(string hallId, string? after, int? limit, HallCatalog catalog,
        IEventStore store, IGrainFactory grains, CancellationToken ct)
    {
        if (RatingExport.Cursor.Parse(after) is not { } cursor)
            return Problems.Invalid("cursor-invalid", "after 应为上一页返回的 next 值", "after must be the next value a previous page answered.");
        if (limit is < 1 or > RatingExport.MaxLimit)
            return Problems.Invalid("limit-invalid", $"limit 应为 1 到 {RatingExport.MaxLimit}", $"limit must be 1 to {RatingExport.MaxLimit}.");
        return TypedResults.Ok(await RatingExport.Read(store, grains.GetGrain<IRatingCasesGrain>(hallId), catalog.Find(hallId)!, cursor,
            limit ?? RatingExport.DefaultLimit, ct));
    }
}
