using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Alerts;
using Queue.Silo.Grains;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>
/// PUT  /api/halls/{hallId}/manage/windows/{windowNo}/categories   what a window serves and prefers
/// POST /api/halls/{hallId}/manage/tickets/{ticket}/priority       raise or lower, with a reason
/// POST /api/halls/{hallId}/manage/notice                          the screens' notice (empty clears)
/// POST /api/halls/{hallId}/manage/appointments                    book a slot, answer its code
/// GET  /api/halls/{hallId}/manage/alerts                          what needs a manager now
/// POST /api/halls/{hallId}/manage/alerts/{key}/dismiss
/// POST /api/halls/{hallId}/displays/heartbeat                     display agents report screen health
/// </summary>
public static class ManageEndpoints
{

    public static IEndpointRouteBuilder MapManage(this IEndpointRouteBuilder app)
    {
        var manage = app.MapGroup("/api/halls/{hallId}/manage").WithTags("Manager");
        manage.MapPut("/windows/{windowNo:int}/categories", Reassign);
        manage.MapPost("/tickets/{ticket}/priority", Prioritize);
        manage.MapPost("/notice", Notice);
        manage.MapPost("/appointments", Book);
        manage.MapGet("/alerts", (string hallId, HallCatalog catalog, AlertBoard board) =>
            catalog.Find(hallId) is null ? (IResult)Problems.HallNotFound(hallId) : TypedResults.Ok(board.List(hallId)));
        manage.MapPost("/alerts/{key}/dismiss", (string hallId, string key, AlertBoard board) =>
            board.Clear(hallId, key) ? Results.NoContent()
                : Refusal.NotFound("alert-not-found", $"没有提醒 {key}", $"Alert '{key}' does not exist.").ToProblem());
        app.MapPost("/api/halls/{hallId}/displays/heartbeat", Heartbeat).WithTags("Devices");
        return app;
    }

    private static Task<IResult> Reassign(string hallId, int windowNo, CategoriesBody body, HallCatalog catalog, IGrainFactory grains) =>
        HallCalls.Run(catalog, grains, hallId, new ChangeWindowCategories(windowNo, body.Categories ?? [], body.Prefers ?? [], body.ManagerId),
            a => TypedResults.Ok(a.Window!));

    private static Task<IResult> Prioritize(string hallId, string ticket, PriorityBody body, HallCatalog catalog, IGrainFactory grains) =>
        body.Priority is not { } priority
            ? Task.FromResult<IResult>(Problems.Invalid("priority-required", "请选择优先级（green 或 normal）", "priority is required (green or normal)."))
            : HallCalls.Run(catalog, grains, hallId, new ChangePriority(ticket, priority, body.Reason ?? "", body.ManagerId),
                a => TypedResults.Ok(a.Ticket!));

    private static Task<IResult> Notice(string hallId, NoticeBody body, HallCatalog catalog, IGrainFactory grains) =>
        HallCalls.Run(catalog, grains, hallId, new PostNotice(body.Text ?? ""), a => TypedResults.Ok(new NoticeTextView(a.Notice)));

    private static Task<IResult> Book(string hallId, AppointmentBody body, HallCatalog catalog, IGrainFactory grains)
    {
        if (body.SlotStart is not { } start || body.SlotEnd is not { } end)
            return Task.FromResult<IResult>(Problems.Invalid("slot-required", "请填写预约时段（slotStart、slotEnd）", "slotStart and slotEnd are required."));
        var code = RandomIds.AppointmentCode();
        return HallCalls.Run(catalog, grains, hallId, new BookAppointment(code, body.CategoryCode, body.MatterIds, start, end),
            a => TypedResults.Created($"/api/halls/{hallId}/manage/appointments/{code}", new AppointmentView(code, start, end)));
    }

    private static IResult Heartbeat(string hallId, HeartbeatBody body, HallCatalog catalog, DeviceHealth devices, TimeProvider clock)
    {
        if (catalog.Find(hallId) is null) return Problems.HallNotFound(hallId);
        if (body.AgentId is not { Length: > 0 and <= 64 } agent)
            return Problems.Invalid("agent-id-required", "心跳需要 agentId", "A heartbeat needs an agentId (at most 64 characters).");
        devices.Beat(new AgentHeartbeat(hallId, agent, body.Screens ?? [], clock.GetUtcNow()));
        return TypedResults.NoContent();
    }
}
