using Queue.Silo.Halls;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Access;
using Queue.Silo.Alerts;
using Queue.Silo.Privacy;

namespace Queue.Silo.Api;

/// <summary>
/// PUT  /api/halls/{hallId}/manage/windows/{windowNo}/categories   what a window serves and prefers
/// POST /api/halls/{hallId}/manage/windows/{windowNo}/force-close  close it whatever it holds ({ reason }); its ticket to the queue's head
/// POST /api/halls/{hallId}/manage/tickets/{ticket}/priority       raise or lower, with a reason
/// POST /api/halls/{hallId}/manage/notice                          the screens' notice (empty clears)
/// POST /api/halls/{hallId}/manage/appointments                    book a slot (with the resident's name, phone), answer its code
/// GET  /api/halls/{hallId}/manage/appointments/{code}             a booked appointment, name and phone masked
/// GET  /api/halls/{hallId}/manage/alerts                          what needs a manager now
/// POST /api/halls/{hallId}/manage/alerts/{key}/dismiss
/// GET  /api/halls/{hallId}/manage/audit                           who did what, when and why (AuditEndpoints)
/// POST /api/halls/{hallId}/displays/heartbeat                     display agents report screen health
/// </summary>
public static class ManageEndpoints
{
    public static RouteGroupBuilder MapManage(this RouteGroupBuilder hall)
    {
        var manage = hall.MapGroup("/manage").WithTags("Manager").ProducesCommandProblems().RequireAuthorization(AccessPolicies.HallManager);
        manage.MapPut("/windows/{windowNo:int}/categories", Reassign);
        manage.MapPost("/windows/{windowNo:int}/force-close", ForceClose);
        manage.MapPost("/tickets/{ticket}/priority", Prioritize);
        manage.MapPost("/notice", Notice);
        manage.MapPost("/appointments", Book);
        manage.MapGet("/appointments/{code}", Appointment);
        manage.MapGet("/alerts", Alerts);
        manage.MapPost("/alerts/{key}/dismiss", Dismiss);
        manage.MapAudit();
        hall.MapPost("/displays/heartbeat", Heartbeat).WithTags("Devices").RequireAuthorization(AccessPolicies.Screens).RequireRateLimiting(RateLimits.Device);
        return hall;
    }

    // The manager is who signed in: ManagerId in a body is still read by older consoles' requests, never trusted.
    private static Task<Results<Ok<WindowView>, ProblemHttpResult>> Reassign(string hallId, int windowNo, CategoriesBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IHallGrain>(hallId).Run(new ChangeWindowCategories(windowNo, body.Categories ?? [], body.Prefers ?? [], Actor.Of(user)!.UserName).By(user))
            .ToHttp(a => TypedResults.Ok(a.Window!));

    /// <summary>Answers as a window action does: the closed window, and the ticket sent back to its queue (or null).</summary>
    private static Task<Results<Ok<WindowActionView>, ProblemHttpResult>> ForceClose(string hallId, int windowNo, ForceCloseBody? body, IdempotencyKey key,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        var reason = body?.Reason?.Trim();
        return grains.GetGrain<IHallGrain>(hallId).Run(new ForceCloseWindow(windowNo, reason) { Key = key.Value }.By(user, reason))
            .ToHttp(a => TypedResults.Ok(new WindowActionView(a.Window!, a.Ticket?.ForStaff())));
    }

    /// <summary>Named by the number on the TV (or the secret id); the answer, to staff, never carries the secret id.</summary>
    private static async Task<Results<Ok<TicketView>, ProblemHttpResult>> Prioritize(string hallId, string ticket, PriorityBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (body.Priority is not { } priority)
            return Problems.Invalid("priority-required", "请选择优先级（green 或 normal）", "priority is required (green or normal).");
        return await grains.GetGrain<IHallGrain>(hallId).Run(new ChangePriority(ticket, priority, body.Reason ?? "", Actor.Of(user)!.UserName).By(user, body.Reason))
            .ToHttp(a => TypedResults.Ok(a.Ticket!.ForStaff()));
    }

    private static Task<Results<Ok<NoticeTextView>, ProblemHttpResult>> Notice(string hallId, NoticeBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IHallGrain>(hallId).Run(new PostNotice(body.Text ?? "").By(user)).ToHttp(a => TypedResults.Ok(new NoticeTextView(a.Notice)));

    /// <summary>The name and phone are sealed here, before the hall sees them; the answer shows them masked.</summary>
    private static async Task<Results<Created<AppointmentView>, ProblemHttpResult>> Book(string hallId, AppointmentBody body, ClaimsPrincipal user,
        IGrainFactory grains, PersonalData personal, IOptions<HallOptions> options)
    {
        if (body.SlotStart is not { } start || body.SlotEnd is not { } end)
            return Problems.Invalid("slot-required", "请填写预约时段（slotStart、slotEnd）", "slotStart and slotEnd are required.");
        // An empty field of a form is no value, not a wrong one.
        var (name, phone) = (body.Name?.Trim() is { Length: > 0 } n ? n : null, body.Phone?.Trim() is { Length: > 0 } p ? p : null);
        if (phone is not null && !PersonalData.IsPhone(phone))
            return Problems.Invalid("phone-invalid", "手机号应为 11 位中国大陆手机号码，如 13800138000",
                "phone must be a mainland China mobile number: 11 digits, 1 then 3 to 9 (e.g. 13800138000).");
        if (name is not null && !PersonalData.IsName(name))
            return Problems.Invalid("name-invalid", $"姓名最多 {PersonalData.MaxNameLength} 个字，且不能含控制字符",
                $"name has at most {PersonalData.MaxNameLength} characters and no control characters.");
        var code = RandomIds.AppointmentCode();
        var book = new BookAppointment(code, body.CategoryCode, body.MatterIds, start, end,
            name is null ? null : personal.Protect(name), phone is null ? null : personal.Protect(phone), options.Value.IgnoreOpeningHours);
        var (shownName, shownPhone) = PersonalData.Masked(name, phone);
        return await grains.GetGrain<IHallGrain>(hallId).Run(book.By(user))
            .ToHttp(a => TypedResults.Created($"/api/halls/{hallId}/manage/appointments/{code}", new AppointmentView(code, start, end, shownName, shownPhone)));
    }

    /// <summary>Until the day after its slot: then the hall forgets the appointment.</summary>
    private static async Task<Results<Ok<AppointmentView>, ProblemHttpResult>> Appointment(string hallId, string code, IGrainFactory grains, PersonalData personal)
    {
        if (await grains.GetGrain<IHallGrain>(hallId).Appointment(code) is not { } a)
            return Refusal.UnknownAppointment(code).ToProblem();
        var (name, phone) = PersonalData.Masked(personal.Unprotect(a.Name), personal.Unprotect(a.Phone));
        return TypedResults.Ok(new AppointmentView(a.Code, a.SlotStart, a.SlotEnd, name, phone));
    }

    private static Ok<IReadOnlyList<AlertView>> Alerts(string hallId, AlertBoard board) => TypedResults.Ok(board.List(hallId));

    private static Results<NoContent, ProblemHttpResult> Dismiss(string hallId, string key, AlertBoard board) =>
        board.Clear(hallId, key)
            ? TypedResults.NoContent()
            : Refusal.NotFound("alert-not-found", $"没有提醒 {key}", $"Alert '{key}' does not exist.").ToProblem();

    private static Results<NoContent, ProblemHttpResult> Heartbeat(string hallId, HeartbeatBody body, DeviceHealth devices, TimeProvider clock)
    {
        if (body.AgentId is not { Length: > 0 and <= 64 } agent)
            return Problems.Invalid("agent-id-required", "心跳需要 agentId", "A heartbeat needs an agentId (at most 64 characters).");
        devices.Beat(new AgentHeartbeat(hallId, agent, body.Screens ?? [], clock.GetUtcNow()));
        return TypedResults.NoContent();
    }
}
