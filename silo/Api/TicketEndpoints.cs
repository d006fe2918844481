using Queue.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Queue.Hall;
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

    private static async Task<IResult> Issue(string hallId, IssueTicketBody body, HttpRequest request, HallRegistry halls, IOptions<HallOptions> options, PrintDesk printing)
    {
        if (HallCalls.CheckKey(request, required: true, out var key) is { } bad) return bad;
        if (body.GreenReason is { } reason && !GreenReasons.Contains(reason))
            return Problems.Invalid("green-reason-invalid", "绿色通道原因应为 elderly、disabled、pregnant 或 other",
                "greenReason must be elderly, disabled, pregnant or other.");
        if (body.KioskId is { Length: > 64 })
            return Problems.Invalid("kiosk-id-invalid", "kioskId 不能超过 64 个字符", "kioskId has at most 64 characters.");
        var command = new IssueTicket(RandomIds.TicketId(), body.CategoryCode, body.MatterIds, body.BundleId, body.AppointmentCode,
            body.Priority ?? Priority.Normal, body.GreenReason, body.KioskId, options.Value.IgnoreOpeningHours) { Key = key };
        var result = await HallCalls.Run(halls, hallId, command, (s, d, now) =>
            s.TicketById(d.TicketId!) is { } t
                ? TypedResults.Created($"/api/halls/{hallId}/tickets/{t.Id}", Views.Ticket(s, t, now))
                : Refusal.UnknownTicket(d.TicketId!).ToProblem());
        // A kiosk's ticket goes to its printer once: a retry with the same key gets the same ticket and the same job.
        return body.KioskId is { Length: > 0 } kiosk && result is Created<TicketView> { Value: { } ticket } created
            ? TypedResults.Created(created.Location, ticket with { Print = printing.PrintIssued(halls.Find(hallId)!.Config, ticket, kiosk, request) })
            : result;
    }

    private static Task<IResult> Get(string hallId, string ticketId, HallRegistry halls) =>
        HallCalls.Read(halls, hallId, (s, now) => s.TicketById(ticketId) is { } t
            ? TypedResults.Ok(Views.Ticket(s, t, now))
            : Refusal.UnknownTicket(ticketId).ToProblem());

    private static Task<IResult> Cancel(string hallId, string ticketId, HttpRequest request, HallRegistry halls) =>
        TicketCommand(hallId, request, halls, key => new CancelTicket(ticketId, "resident") { Key = key });

    private static Task<IResult> Reinstate(string hallId, string ticketId, HttpRequest request, HallRegistry halls) =>
        TicketCommand(hallId, request, halls, key => new ReinstateTicket(ticketId) { Key = key });

    private static async Task<IResult> TicketCommand(string hallId, HttpRequest request, HallRegistry halls, Func<string?, HallCommand> make)
    {
        if (HallCalls.CheckKey(request, required: false, out var key) is { } bad) return bad;
        return await HallCalls.Run(halls, hallId, make(key), (s, d, now) => TypedResults.Ok(Views.Ticket(s, s.TicketById(d.TicketId!)!, now)));
    }

    private static IResult Help(string hallId, HelpBody? body, HallRegistry halls, AlertBoard alerts)
    {
        if (halls.Find(hallId) is null) return Problems.HallNotFound(hallId);
        var kiosk = body?.KioskId is { Length: > 0 and <= 64 } k ? k : "kiosk";
        alerts.Raise(hallId, $"help:{kiosk}", "help", $"取号机 {kiosk} 有群众呼叫帮办，请前往协助", kiosk);
        return TypedResults.Accepted((string?)null, new HelpView("已通知工作人员，请稍候", kiosk));
    }
}
