using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Queue.Contracts;
using Queue.Hall;
using Queue.Printing;
using Queue.Silo.Access;
using Queue.Silo.Halls;
using Queue.Silo.Printing;

namespace Queue.Silo.Api;

/// <summary>
/// GET  /api/halls/{hallId}/print-jobs/{jobId}               a print job; the kiosk polls it
/// POST /api/halls/{hallId}/print-jobs/{jobId}/result        the print agent's outcome
/// POST /api/halls/{hallId}/printers/{kioskId}/status        the print agent's printer health, every 10 s
/// POST /api/halls/{hallId}/tickets/{ticketId}/print         补打: a new job for the same ticket, never a new ticket
/// GET  /api/halls/{hallId}/tickets/{ticketId}/preview       出票预览 as HTML (?paper=58|80)
/// </summary>
public static class PrintEndpoints
{
    public static RouteGroupBuilder MapPrinting(this RouteGroupBuilder hall)
    {
        var printing = hall.MapGroup("").WithTags("Printing").ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        printing.MapGet("/print-jobs/{jobId}", GetJob).RequireAuthorization(AccessPolicies.PrintJobs);
        printing.MapPost("/print-jobs/{jobId}/result", Result).RequireAuthorization(AccessPolicies.PrintAgent).RequireRateLimiting(RateLimits.Device);
        printing.MapPost("/printers/{kioskId}/status", Status).RequireAuthorization(AccessPolicies.PrintAgent).RequireRateLimiting(RateLimits.Device);
        printing.MapPost("/tickets/{ticketId}/print", Reprint).RequireAuthorization(AccessPolicies.Reprint);
        // Named by the secret id, like the ticket's own page.
        printing.MapGet("/tickets/{ticketId}/preview", Preview).Produces(StatusCodes.Status200OK, contentType: "text/html").AllowAnonymous();
        return hall;
    }

    private static Results<Ok<PrintJobView>, ProblemHttpResult> GetJob(string hallId, string jobId, PrintDesk desk) =>
        desk.Find(hallId, jobId) is { } job ? TypedResults.Ok(job.ToView()) : JobNotFound(jobId);

    /// <summary>A print agent reports only on its own kiosk's jobs.</summary>
    private static Results<Ok<PrintJobView>, ProblemHttpResult> Result(string hallId, string jobId, PrintResultBody body, ClaimsPrincipal user, PrintDesk desk)
    {
        if (desk.Find(hallId, jobId) is { } mine && Actor.Of(user)!.Device!.Name is var agent && mine.KioskId != agent)
            return Problems.KioskMismatch(mine.KioskId, agent);
        if (body.Printed is not { } printed)
            return Problems.Invalid("printed-required", "请说明是否已打印（printed 为 true 或 false）", "printed (true or false) is required.");
        if (CheckReport(body.Condition, body.Message, out var condition) is { } bad) return bad;
        return desk.Report(hallId, jobId, printed, condition, body.Message) is { } job ? TypedResults.Ok(job.ToView()) : JobNotFound(jobId);
    }

    private static Results<NoContent, ProblemHttpResult> Status(string hallId, string kioskId, PrinterStatusBody body, ClaimsPrincipal user, PrinterWatch watch)
    {
        if (kioskId.Length > 64) return Problems.KioskIdTooLong();
        if (Actor.Of(user)!.Device!.Name is var agent && agent != kioskId) return Problems.KioskMismatch(kioskId, agent);
        if (CheckReport(body.Condition, body.Message, out var condition) is { } bad) return bad;
        watch.Report(hallId, kioskId, condition, viaAgent: true);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<PrintJobView>, ProblemHttpResult>> Reprint(string hallId, string ticketId, ReprintBody? body,
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, HallCatalog catalog, PrintDesk desk, IOptions<PrintingOptions> options)
    {
        if (body?.KioskId is { Length: > 64 }) return Problems.KioskIdTooLong();
        // A kiosk reprints on its own printer only; staff name the kiosk, or it is the one that issued the ticket.
        var device = Actor.Of(user)!.Device?.Name;
        if (device is not null && body?.KioskId is { Length: > 0 } named && named != device) return Problems.KioskMismatch(named, device);
        var chosen = device ?? body?.KioskId;
        if (await grains.GetGrain<IHallGrain>(hallId).Ticket(ticketId) is not { } found) return Refusal.UnknownTicket(ticketId).ToProblem();
        var t = found.View;
        if (t.Status is not (TicketStatus.Waiting or TicketStatus.Called or TicketStatus.Serving or TicketStatus.Parked))
            return Refusal.TicketState(t.Number, t.Status, "补打", "reprinted").ToProblem();
        if ((chosen is { Length: > 0 } k ? k : found.KioskId) is not { } kiosk)
            return Problems.Invalid("kiosk-id-required", "请指明由哪台取号机补打（kioskId）", "kioskId is required: which kiosk's printer should print the ticket.");
        var print = TicketPrints.From(t, catalog.Find(hallId)!, TicketPrints.PublicBase(options.Value, request));
        var job = desk.Submit(hallId, ticketId, kiosk, print, reprint: true);
        return TypedResults.Accepted($"/api/halls/{hallId}/print-jobs/{job.JobId}", job.ToView());
    }

    /// <summary>Rendered here, off the grain: a preview never holds up the hall.</summary>
    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Preview(string hallId, string ticketId, string? paper,
        HttpRequest request, IGrainFactory grains, HallCatalog catalog, IOptions<PrintingOptions> options)
    {
        int? width = paper switch { null or "" => null, "58" => 58, "80" => 80, _ => 0 };
        if (width == 0) return Problems.Invalid("paper-invalid", "纸宽应为 58 或 80（毫米）", "paper must be 58 or 80 (mm).");
        if (await grains.GetGrain<IHallGrain>(hallId).Ticket(ticketId) is not { } found) return Refusal.UnknownTicket(ticketId).ToProblem();
        // The kiosk's own printer settings when it has one on this machine, so installers see exactly its paper.
        var direct = found.KioskId is { } kiosk ? options.Value.Direct(hallId, kiosk) : null;
        var profile = direct is not null && (width is null || width == direct.Paper) ? direct.Profile : PrinterProfile.ForPaper(width ?? 80);
        var ticket = TicketPrints.From(found.View, catalog.Find(hallId)!, TicketPrints.PublicBase(options.Value, request));
        return TypedResults.Content(TicketPrints.PreviewHtml(ticket, profile), "text/html; charset=utf-8");
    }

    private static ProblemHttpResult? CheckReport(string? conditionText, string? message, out PrinterCondition condition)
    {
        if (!PrinterConditions.TryParse(conditionText, out condition))
            return Problems.Invalid("printer-condition-invalid",
                "打印机状态应为 online、paperNearEnd、paused、error、paperOut、coverOpen 或 offline",
                "condition must be online, paperNearEnd, paused, error, paperOut, coverOpen or offline.");
        return message is { Length: > 500 }
            ? Problems.Invalid("printer-message-invalid", "打印机消息不能超过 500 个字符", "message has at most 500 characters.")
            : null;
    }

    private static ProblemHttpResult JobNotFound(string jobId) =>
        Refusal.NotFound("print-job-not-found", $"找不到打印任务 {jobId}", $"Print job '{jobId}' was not found.").ToProblem();
}
