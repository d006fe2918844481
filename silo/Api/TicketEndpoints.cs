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
/// POST /api/halls/{hallId}/tickets/remote               线上取号 from the phone (Idempotency-Key required)
/// POST /api/halls/{hallId}/tickets/{ticketId}/arrive    签到 at the door { doorCode } (the kiosk checks in by 预约签到)
/// GET  /api/halls/{hallId}/arrival-code                 the door's code now, for the kiosk to show (see DoorCodes)
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
        // 线上取号 is anyone's, like the ticket's page: the hall's rule (open, a long enough wait) is what limits it.
        tickets.MapPost("/tickets/remote", TakeRemotely).RequireIdempotencyKey().RequireRateLimiting(RateLimits.Resident).AllowAnonymous();
        tickets.MapPost("/tickets/{ticketId}/arrive", Arrive).RequireRateLimiting(RateLimits.Resident).AllowAnonymous();
        tickets.MapGet("/arrival-code", DoorCode).RequireAuthorization(AccessPolicies.Kiosk);
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

    private static async Task<Results<Created<TicketView>, ProblemHttpResult>> TakeRemotely(string hallId, IssueTicketBody body, IdempotencyKey key,
        ClaimsPrincipal user, IGrainFactory grains, IOptions<HallOptions> options)
    {
        if (body.KioskId is not null || body.GreenReason is not null)
            return Problems.Invalid("remote-kiosk-fields", "线上取号不填 kioskId 和 greenReason", "A number taken from the phone has no kioskId or greenReason.");
        var command = new IssueTicket(RandomIds.TicketId(), body.CategoryCode, body.MatterIds, body.BundleId, body.AppointmentCode,
            body.Priority ?? Priority.Normal, null, null, options.Value.IgnoreOpeningHours)
            { Key = key.Value, Remote = true, NewArrivalCode = RandomIds.AppointmentCode() }.By(user);
        return await grains.GetGrain<IHallGrain>(hallId).Run(command)
            .ToHttp(a => TypedResults.Created($"/api/halls/{hallId}/tickets/{a.Ticket!.Id}", a.Ticket!));
    }

    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> Arrive(string hallId, string ticketId, ArriveBody? body, IdempotencyKey key,
        ClaimsPrincipal user, IGrainFactory grains, DoorCodes door, CancellationToken ct) =>
        await door.Accepts(hallId, body?.DoorCode, ct)
            ? await AnswerWithTicket(grains, hallId, ticketId, new ArriveTicket(ticketId, "door") { Key = key.Value }.By(user))
            : Problems.Invalid("door-code-invalid", "签到码不对或已过期：请在大厅里扫描取号机屏幕上的签到二维码，或在取号机“预约签到”输入手机上的签到码",
                "The door code is wrong or expired: scan the check-in QR on the hall's kiosk, or type the ticket's code at the kiosk's check-in.");

    private static async Task<Ok<DoorCodeView>> DoorCode(string hallId, DoorCodes door, CancellationToken ct)
    {
        var (code, until) = await door.Current(hallId, ct);
        return TypedResults.Ok(new DoorCodeView(code, $"/arrive/{hallId}?code={code}", until));
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
