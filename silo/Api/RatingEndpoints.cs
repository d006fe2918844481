using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Access;
using Queue.Silo.Halls;
using Queue.Silo.Ratings;

namespace Queue.Silo.Api;

/// <summary>好差评: the resident rates each finished service once, on the phone (the ticket's secret id is the credential)
/// or at the evaluator facing the window that served them (a paired evaluator device, named by that window's number).</summary>
public static class RatingEndpoints
{
    public static RouteGroupBuilder MapRatings(this RouteGroupBuilder hall)
    {
        var ratings = hall.MapGroup("").WithTags("好差评 (phone, evaluator)").ProducesCommandProblems();
        ratings.MapGet("/rating-scheme", Scheme).AllowAnonymous();
        ratings.MapPost("/tickets/{ticketId}/rating", Rate).RequireRateLimiting(RateLimits.Resident).AllowAnonymous();
        return hall;
    }

    private static Results<Ok<RatingSchemeView>, ProblemHttpResult> Scheme(string hallId, HallCatalog catalog) =>
        catalog.Find(hallId) is { } config ? TypedResults.Ok(Views.Scheme(config.Rating)) : Problems.HallNotFound(hallId);

    private static async Task<Results<Created<RatingView>, ProblemHttpResult>> Rate(string hallId, string ticketId, RatingBody body,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        // The resident's own word: staff may not rate their own service, and only an evaluator among devices speaks for one.
        int? window = null;
        switch (Actor.Of(user))
        {
            case { Device: { Kind: DeviceKinds.Evaluator } pad } when pad.HallId == hallId && int.TryParse(pad.Name, out var no):
                window = no;
                break;
            // Another hall's token means nothing here: its holder is a resident like anyone.
            case { Device: { } other } when other.HallId == hallId:
            case { UserName: { } _ }:
                return Refusal.Invalid("rating-by-resident-only", "好差评须由办事群众本人评价，工作人员和其他设备不能代评",
                    "Only the resident (their phone, or the window's evaluator) may rate a service.").ToProblem(403);
        }
        if (body.Grade is not int grade)
            return Problems.Invalid("grade-required", "请选择评价等级（1–5）", "grade (1-5) is required.");
        // No idempotency key: a rating sent twice is answered already-rated the second time, which is what happened.
        var command = new RateService(ticketId, grade, body.Tags ?? [], body.Comment, window).By(user);
        var answer = await grains.GetGrain<IHallGrain>(hallId).Run(command);
        if (answer.Refusal is null) return TypedResults.Created($"/api/halls/{hallId}/tickets/{ticketId}", answer.Rating!);
        // Rated before, or a ticket of a past day: once its 差评 is rectified, the resident may rate once more (追评).
        if (answer.Refusal.Code is not ("already-rated" or "ticket-not-found")) return answer.Refusal.ToProblem();
        var followUp = await grains.GetGrain<IRatingCasesGrain>(hallId).FollowUp(ticketId, grade, body.Tags ?? [], body.Comment);
        if (followUp.Refusal is { Code: "rating-case-not-found" }) return answer.Refusal.ToProblem();
        return followUp.Refusal is { } refused ? refused.ToProblem()
            : TypedResults.Created($"/api/halls/{hallId}/tickets/{ticketId}", FollowUpView(followUp.Case!));
    }

    /// <summary>A 追评 as a rating of the step its case is about.</summary>
    private static RatingView FollowUpView(RatingCaseView c) =>
        new(c.Number, c.Step, c.CategoryCode, c.CategoryName, c.WindowNo, c.ClerkId, c.FollowUp!.Grade, RatingScheme.GradeName(c.FollowUp.Grade),
            c.FollowUp.Tags, c.FollowUp.Comment, "follow-up", c.RatedAt, c.FollowUp.At);
}
