using Queue.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Queue.Hall;
using Queue.Silo.Alerts;
using Queue.Silo.Grains;
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

    public static IEndpointRouteBuilder MapTickets(this IEndpointRouteBuilder app)
    {
        var hall = app.MapGroup("/api/halls/{hallId}").WithTags("Tickets (kiosk, phone)");
        hall.MapPost("/tickets", Issue);
        hall.MapGet("/tickets/{ticketId}", Get);
        hall.MapPost("/tickets/{ticketId}/cancel", Cancel);
        hall.MapPost("/tickets/{ticketId}/reinstate", Reinstate);
        hall.MapPost("/help", Help);
        return app;
    }

    private static async Task<IResult> Issue(string hallId, IssueTicketBody body, HttpRequest request, HallCatalog catalog, IGrainFactory grains, IOptions<HallOptions> options, PrintDesk printing)
    {
        if (HallCalls.CheckKey(request, required: true, out var key) is { } bad) return bad;
        if (body.GreenReason is { } reason && !GreenReasons.Contains(reason))
            return Problems.Invalid("green-reason-invalid", "绿色通道原因应为 elderly、disabled、pregnant 或 other",
                "greenReason must be elderly, disabled, pregnant or other.");
        if (body.KioskId is { Length: > 64 })
            return Problems.Invalid("kiosk-id-invalid", "kioskId 不能超过 64 个字符", "kioskId has at most 64 characters.");
        var command = new IssueTicket(RandomIds.TicketId(), body.CategoryCode, body.MatterIds, body.BundleId, body.AppointmentCode,
            body.Priority ?? Priority.Normal, body.GreenReason, body.KioskId, options.Value.IgnoreOpeningHours) { Key = key };
        var result = await HallCalls.Run(catalog, grains, hallId, command, a => TypedResults.Created($"/api/halls/{hallId}/tickets/{a.Ticket!.Id}", a.Ticket));
        // A kiosk's ticket goes to its printer once: a retry with the same key gets the same ticket and the same job.
        return body.KioskId is { Length: > 0 } kiosk && result is Created<TicketView> { Value: { } ticket } created
            ? TypedResults.Created(created.Location, ticket with { Print = printing.PrintIssued(catalog.Find(hallId)!, ticket, kiosk, request) })
            : result;
    }

    private static async Task<IResult> Get(string hallId, string ticketId, HallCatalog catalog, IGrainFactory grains) =>
        catalog.Find(hallId) is null ? Problems.HallNotFound(hallId)
        : await grains.GetGrain<IHallGrain>(hallId).Ticket(ticketId) is { } t ? TypedResults.Ok(t.View)
        : Refusal.UnknownTicket(ticketId).ToProblem();

    private static Task<IResult> Cancel(string hallId, string ticketId, HttpRequest request, HallCatalog catalog, IGrainFactory grains) =>
        TicketCommand(hallId, request, catalog, grains, key => new CancelTicket(ticketId, "resident") { Key = key });

    private static Task<IResult> Reinstate(string hallId, string ticketId, HttpRequest request, HallCatalog catalog, IGrainFactory grains) =>
        TicketCommand(hallId, request, catalog, grains, key => new ReinstateTicket(ticketId) { Key = key });

    private static async Task<IResult> TicketCommand(string hallId, HttpRequest request, HallCatalog catalog, IGrainFactory grains, Func<string?, HallCommand> make)
    {
        if (HallCalls.CheckKey(request, required: false, out var key) is { } bad) return bad;
        return await HallCalls.Run(catalog, grains, hallId, make(key), a => TypedResults.Ok(a.Ticket!));
    }

    private static IResult Help(string hallId, HelpBody? body, HallCatalog catalog, AlertBoard alerts)
    {
        if (catalog.Find(hallId) is null) return Problems.HallNotFound(hallId);
        var kiosk = body?.KioskId is { Length: > 0 and <= 64 } k ? k : "kiosk";
        alerts.Raise(hallId, $"help:{kiosk}", "help", $"取号机 {kiosk} 有群众呼叫帮办，请前往协助", kiosk);
        return TypedResults.Accepted((string?)null, new HelpView("已通知工作人员，请稍候", kiosk));
    }
}
