using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Access;
using Queue.Silo.Bookings;
using Queue.Silo.Halls;
using Queue.Silo.Privacy;
using Queue.Silo.Storage;

namespace Queue.Silo.Api;

/// <summary>
/// 预约 by residents (the booking page, 鄂汇办) and integrations (the 12345 hotline): the slots and their seats are public;
/// a booking needs a mainland mobile number; its code with the phone's last four digits looks it up or cancels it. A phone
/// with too many no-shows (爽约) is refused for a while. Kiosks and screens book nothing. Check-in stays POST tickets
/// {appointmentCode}. The outbox of booking events is for integrations that remind residents (docs/appointments-outbox.md).
/// </summary>
public static class AppointmentEndpoints
{
    public static RouteGroupBuilder MapAppointments(this RouteGroupBuilder hall)
    {
        var booking = hall.MapGroup("").WithTags("预约 (residents, integrations)").ProducesCommandProblems().AllowAnonymous();
        booking.MapGet("/appointment-slots", SlotsOf).RequireRateLimiting(RateLimits.Lookup);
        var held = booking.MapGroup("/appointments").AddEndpointFilter(NoOtherDevices).ProducesProblem(StatusCodes.Status403Forbidden);
        held.MapPost("", Book).RequireIdempotencyKey().RequireRateLimiting(RateLimits.Booking);
        held.MapGet("/{code}", Find).RequireRateLimiting(RateLimits.Resident);
        held.MapPost("/{code}/cancel", Cancel).RequireRateLimiting(RateLimits.Resident);
        hall.MapGet("/appointments/events", Events).WithTags("预约 outbox (integrations)").RequireAuthorization(AccessPolicies.BookingEvents)
            .ProducesProblem(StatusCodes.Status400BadRequest).RequireRateLimiting(RateLimits.Device);
        return hall;
    }

    /// <summary>A resident needs no token; of devices, only the hall's integrations (the 12345 hotline, a provincial platform)
    /// book, look up or cancel: a kiosk's or a screen's token means a device doing what it was not paired for.</summary>
    private static ValueTask<object?> NoOtherDevices(EndpointFilterInvocationContext c, EndpointFilterDelegate next) =>
        Actor.Of(c.HttpContext.User) is { Device: not null } actor && !actor.IsDevice(c.HttpContext.GetRouteValue("hallId") as string ?? "", DeviceKinds.Integration)
            ? ValueTask.FromResult<object?>(Problems.Forbidden()) : next(c);

    private static async Task<Results<Ok<IReadOnlyList<AppointmentSlotView>>, ProblemHttpResult>> SlotsOf(string hallId, string? date, string? categoryCode,
        HallCatalog catalog, IGrainFactory grains)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Problems.Invalid("date-invalid", "请按 YYYY-MM-DD 填写日期，如 2026-12-02", "date must be YYYY-MM-DD, e.g. 2026-12-02.");
        if (categoryCode is null || catalog.Find(hallId)!.Category(categoryCode) is null)
            return Refusal.UnknownCategory(categoryCode ?? "").ToProblem();
        return TypedResults.Ok(await grains.GetGrain<IHallGrain>(hallId).Slots(categoryCode, day));
    }

    private static async Task<Results<Created<BookingView>, ProblemHttpResult>> Book(string hallId, BookingBody body, IdempotencyKey key, ClaimsPrincipal user,
        IGrainFactory grains, HallCatalog catalog, PersonalData personal, PhoneKeys phones, CancellationToken ct)
    {
        if (body.SlotStart is not { } start)
            return Problems.Invalid("slot-required", "请选择预约时段（slotStart）", "slotStart is required.");
        var phone = body.Phone?.Trim() ?? "";
        if (!PersonalData.IsPhone(phone))
            return Problems.Invalid("phone-invalid", "手机号应为 11 位中国大陆手机号码，如 13800138000",
                "phone must be a mainland China mobile number: 11 digits, 1 then 3 to 9 (e.g. 13800138000).");
        var name = body.Name?.Trim() is { Length: > 0 } n ? n : null;
        if (name is not null && !PersonalData.IsName(name))
            return Problems.Invalid("name-invalid", $"姓名最多 {PersonalData.MaxNameLength} 个字，且不能含控制字符",
                $"name has at most {PersonalData.MaxNameLength} characters and no control characters.");
        var phoneKey = await phones.Of(phone, ct);
        if (await grains.GetGrain<INoShowsGrain>(hallId).RestrictedUntil(phoneKey) is { } until)
        {
            var restricted = NoShows.Restricted(catalog.Find(hallId)!, until).ToProblem();
            restricted.ProblemDetails.Extensions["until"] = until;
            return restricted;
        }
        var channel = Actor.Of(user) switch { { Device: not null } => "integration", { } => "staff", null => "resident" };
        var command = new BookSlot(RandomIds.AppointmentCode(), body.CategoryCode, body.MatterIds, body.BundleId, start, phoneKey, personal.Protect(phone),
            name is null ? null : personal.Protect(name), channel) { Key = key.Value }.By(user);
        var hall = grains.GetGrain<IHallGrain>(hallId);
        var answer = await hall.Run(command);
        if (answer.Refusal is { } refused) return refused.ToProblem();
        // A retry with the same key answers the booking the first attempt made, whose code is not this attempt's.
        var booked = answer.Appointment!;
        return TypedResults.Created($"/api/halls/{hallId}/appointments/{booked.Code}", View(catalog.Find(hallId)!, booked, personal));
    }

    private static async Task<Results<Ok<BookingView>, ProblemHttpResult>> Find(string hallId, string code, string? phone4,
        IGrainFactory grains, HallCatalog catalog, PersonalData personal) =>
        await Held(grains, hallId, code, phone4, personal) is { } a ? TypedResults.Ok(View(catalog.Find(hallId)!, a, personal)) : Refusal.UnknownAppointment(code).ToProblem();

    private static async Task<Results<Ok<BookingView>, ProblemHttpResult>> Cancel(string hallId, string code, Phone4Body body, ClaimsPrincipal user,
        IGrainFactory grains, HallCatalog catalog, PersonalData personal)
    {
        if (await Held(grains, hallId, code, body.Phone4, personal) is not { } a) return Refusal.UnknownAppointment(code).ToProblem();
        var hall = grains.GetGrain<IHallGrain>(hallId);
        var answer = await hall.Run(new CancelAppointment(a.Code).By(user));
        return answer.Refusal is { } r ? r.ToProblem() : TypedResults.Ok(View(catalog.Find(hallId)!, answer.Appointment!, personal));
    }

    /// <summary>The appointment, when the phone's last four digits match: a wrong pair is answered as an unknown code, so
    /// codes cannot be tried against phones.</summary>
    private static async Task<Appointment?> Held(IGrainFactory grains, string hallId, string code, string? phone4, PersonalData personal) =>
        phone4 is { Length: 4 } && await grains.GetGrain<IHallGrain>(hallId).Appointment(code) is { } a
            && personal.Unprotect(a.Phone) is { } phone && phone.EndsWith(phone4, StringComparison.Ordinal)
            ? a : null;

    private static BookingView View(HallConfig config, Appointment a, PersonalData personal)
    {
        var (name, phone) = PersonalData.Masked(personal.Unprotect(a.Name), personal.Unprotect(a.Phone));
        var category = config.Category(a.Route[0])!;
        return new BookingView(a.Code, new SlotView(a.SlotStart, a.SlotEnd), category.Code, category.Name,
            [.. a.MatterIds.Select(id => new NamedView(id, config.Matter(id)?.Name ?? id))],
            a.Cancelled ? "cancelled" : a.Used ? "checkedIn" : a.Missed ? "missed" : "booked", name, phone,
            Bundle.MaterialsFor(config, category.Code, a.MatterIds), a.Channel);
    }

    private static async Task<Results<Ok<BookingEventsPage>, ProblemHttpResult>> Events(string hallId, string? after, int? limit, ClaimsPrincipal user,
        HallCatalog catalog, IEventStore store, IGrainFactory grains, PersonalData personal, CancellationToken ct)
    {
        if (BookingOutbox.ParseCursor(after) is not { } cursor)
            return Problems.Invalid("cursor-invalid", "after 应为上一页返回的 next 值", "after must be the next value a previous page answered.");
        if (limit is < 1 or > BookingOutbox.MaxLimit)
            return Problems.Invalid("limit-invalid", $"limit 应为 1 到 {BookingOutbox.MaxLimit}", $"limit must be 1 to {BookingOutbox.MaxLimit}.");
        await grains.GetGrain<INoShowsGrain>(hallId).CatchUp();   // the no-shows now due are in the log before it is read
        var caller = Actor.Of(user) is { Device: not null } device ? device.Id : null;
        return TypedResults.Ok(await BookingOutbox.Read(store, catalog.Find(hallId)!, personal, caller, cursor, limit ?? BookingOutbox.DefaultLimit, ct));
    }
}
