using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Access;
using Queue.Silo.Alerts;
using Queue.Silo.Halls;
using Queue.Silo.Printing;

namespace Queue.Silo.Api;

/// <summary>
/// POST /api/halls/{hallId}/tickets                      取号 (Idempotency-Key required)
/// GET  /api/halls/{hallId}/tickets/{ticketId}           a ticket with its position and wait
/// POST /api/halls/{hallId}/tickets/{ticketId}/cancel    取消
/// POST /api/halls/{hallId}/tickets/{ticketId}/reinstate 过号恢复 (once)
/// POST /api/halls/{hallId}/help                         呼叫帮办 from a kiosk
/// </summary>
public static class TicketEndpoints
{
    private static readonly string[] GreenReasons = ["elderly", "disabled", "pregnant", "other"];

    public static RouteGroupBuilder MapTickets(this RouteGroupBuilder hall)
    {
        var tickets = hall.MapGroup("").WithTags("Tickets (kiosk, phone)").ProducesCommandProblems();
        tickets.MapPost("/tickets", Issue).RequireIdempotencyKey().RequireRateLimiting(RateLimits.Taking).RequireAuthorization(AccessPolicies.TicketTaking);
        // A ticket's secret id is its only key: whoever holds it (the resident's phone) may look, cancel and come back.
        tickets.MapGet("/tickets/{ticketId}", Get).RequireRateLimiting(RateLimits.Lookup).AllowAnonymous();
        tickets.MapPost("/tickets/{ticketId}/cancel", Cancel).RequireRateLimiting(RateLimits.Resident).AllowAnonymous();
        tickets.MapPost("/tickets/{ticketId}/reinstate", Reinstate).RequireRateLimiting(RateLimits.Resident).AllowAnonymous();
        tickets.MapPost("/help", Help).RequireRateLimiting(RateLimits.Help).RequireAuthorization(AccessPolicies.Kiosk);
        return hall;
    }

    private static async Task<Results<Created<TicketView>, ProblemHttpResult>> Issue(string hallId, IssueTicketBody body, IdempotencyKey key,
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, HallCatalog catalog, IOptions<HallOptions> options, PrintDesk printing)
    {
        if (body.GreenReason is { } reason && !GreenReasons.Contains(reason))
            return Problems.Invalid("green-reason-invalid", "绿色通道原因应为 elderly、disabled、pregnant 或 other",
                "greenReason must be elderly, disabled, pregnant or other.");
        if (body.KioskId is { Length: > 64 })
            return Problems.KioskIdTooLong();
        // A kiosk is who its token says; staff at the front desk may name the kiosk whose printer should print.
        var kioskId = Actor.Of(user)?.Device?.Name ?? body.KioskId;
        if (body.KioskId is { Length: > 0 } named && named != kioskId) return Problems.KioskMismatch(named, kioskId!);
        var command = new IssueTicket(RandomIds.TicketId(), body.CategoryCode, body.MatterIds, body.BundleId, body.AppointmentCode,
            body.Priority ?? Priority.Normal, body.GreenReason, kioskId, options.Value.IgnoreOpeningHours) { Key = key.Value }.By(user);
        return await grains.GetGrain<IHallGrain>(hallId).Run(command).ToHttp(a =>
        {
            // A kiosk's ticket goes to its printer once: a retry with the same key gets the same ticket and the same job.
            var ticket = kioskId is { Length: > 0 } kiosk
                ? a.Ticket! with { Print = printing.PrintIssued(catalog.Find(hallId)!, a.Ticket!, kiosk, request) }
                : a.Ticket!;
            return TypedResults.Created($"/api/halls/{hallId}/tickets/{ticket.Id}", ticket);
        });
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> Get(string hallId, string ticketId, IGrainFactory grains) =>
        await grains.GetGrain<IHallGrain>(hallId).Ticket(ticketId) is { } found
            ? TypedResults.Ok(found.View)
            : Refusal.UnknownTicket(ticketId).ToProblem();

    private static Task<Results<Ok<TicketView>, ProblemHttpResult>> Cancel(string hallId, string ticketId, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains) =>
        AnswerWithTicket(grains, hallId, ticketId, new CancelTicket(ticketId) { Key = key.Value }.By(user));

    private static Task<Results<Ok<TicketView>, ProblemHttpResult>> Reinstate(string hallId, string ticketId, IdempotencyKey key, ClaimsPrincipal user, IGrainFactory grains) =>
        AnswerWithTicket(grains, hallId, ticketId, new ReinstateTicket(ticketId) { Key = key.Value }.By(user));

    /// <summary>A command about one ticket, answered with that ticket to its holder. Named by its secret id only: the hall
    /// also knows tickets by number, but the number is on the TV, and by it anyone could cancel anyone's ticket and read
    /// its secret id in the answer.</summary>
    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> AnswerWithTicket(IGrainFactory grains, string hallId, string ticketId, HallCommand command)
    {
        var hall = grains.GetGrain<IHallGrain>(hallId);
        if (await hall.Ticket(ticketId) is null) return Refusal.UnknownTicket(ticketId).ToProblem();
        return await hall.Run(command).ToHttp(a => TypedResults.Ok(a.Ticket!));
    }

    private static Results<Accepted<HelpView>, ProblemHttpResult> Help(string hallId, HelpBody? body, ClaimsPrincipal user, AlertBoard alerts)
    {
        var kiosk = Actor.Of(user)!.Device!.Name;
        if (body?.KioskId is { Length: > 0 } named && named != kiosk) return Problems.KioskMismatch(named, kiosk);
        alerts.RaiseHelp(hallId, Actor.Of(user)!.Device!);
        return TypedResults.Accepted((string?)null, new HelpView("已通知工作人员，请稍候", kiosk));
    }
}
