using Queue.Hall.Events;

namespace Queue.Hall;

public static partial class Decide
{
    /// <summary>
    /// 预约 on a slot: one the hall offers that day for the ticket's first category, not past, within the horizon, before
    /// the cut-off, with a seat left, and not a second booking of the same category by the same phone that day. Deciding
    /// in the hall's turn is what makes the last seat go to exactly one of many residents booking it at once.
    /// </summary>
    private static Decision BookSlot(HallState s, BookSlot c, DateTimeOffset now)
    {
        if (ResolveRoute(s, c.CategoryCode, c.MatterIds, c.BundleId, out var route) is { } refused) return Decision.Refuse(refused);
        var category = route!.Categories[0];
        var rules = s.Config.Booking;
        if (c.SlotStart <= now) return Decision.Refuse(Refusal.Invalid("slot-past", "预约时段已过", "The slot is in the past."));
        if (BeyondHorizon(s, c.SlotStart, now) is { } far) return Decision.Refuse(far);
        var date = s.LocalDate(c.SlotStart);
        if (Slots.Offered(s.Config, date, category).FirstOrDefault(x => x.Start == c.SlotStart) is not { } slot)
            return Decision.Refuse(s.Config.IsWorkday(date)
                ? Refusal.Invalid("slot-not-offered", "该时段不可预约（须为办公时间内的可预约时段，午休不办理），请从可预约时段中选择",
                    "No bookable slot starts then (slots lie within opening hours, outside a lunch break): pick one from appointment-slots.")
                : Refusal.Invalid("hall-closed-that-day", $"{date:M月d日}不是本大厅的工作日（周末或节假日），请另选日期",
                    $"The hall does not open on {date:yyyy-MM-dd} (a weekend or holiday)."));
        if (!rules.StillOpen(c.SlotStart, now))
            return Decision.Refuse(new("booking-closed", $"该时段已截止预约（开始前 {rules.CutoffMinutes} 分钟截止），可直接到大厅取号",
                $"Booking closes {rules.CutoffMinutes} minutes before the slot starts; take a number at the hall instead."));
        if (s.Appointments.Values.Any(a => !a.Cancelled && a.PhoneKey == c.PhoneKey && a.Route[0] == category && s.LocalDate(a.SlotStart) == date))
            return Decision.Refuse(new("already-booked", "该手机号当天已预约过此类业务，不能重复预约（可先取消原预约）",
                "This phone already has a booking for this service on that day (cancel it first to book another)."));
        if (s.SeatsTaken(category, slot.Start) >= slot.Capacity)
            return Decision.Refuse(new("slot-full", "该时段已约满，请选择其他时段", "That slot is fully booked: choose another."));
        return Decision.Accept(c.NewCode, null, new AppointmentBooked(c.NewCode, route.Categories, route.MatterIds, slot.Start, slot.End, now)
            { Name = c.Name, Phone = c.Phone, PhoneKey = c.PhoneKey, Channel = c.Channel });
    }

    private static Decision CancelBooking(HallState s, CancelAppointment c, DateTimeOffset now) =>
        !s.Appointments.TryGetValue(c.Code, out var a) ? Decision.Refuse(Refusal.UnknownAppointment(c.Code))
        : a.Cancelled ? Decision.Refuse(AppointmentCancelledRefusal(c.Code))
        : a.Used ? Decision.Refuse(new("appointment-used", $"预约码 {c.Code} 已取过号，不能取消", $"Appointment '{c.Code}' has already been checked in."))
        // Once its check-in window has closed the appointment is a no-show (爽约): a cancel then would undo it.
        : a.Missed || now > NoShows.WindowCloses(a.SlotStart, s.Config.Booking)
            ? Decision.Refuse(new("appointment-missed", $"预约 {c.Code} 的签到时间已过（记为爽约），不能再取消",
                $"Appointment '{c.Code}' is past its check-in window (recorded as a no-show); it can no longer be cancelled."))
        : Decision.Accept(c.Code, null, new AppointmentCancelled(c.Code, now));

    private static Refusal AppointmentCancelledRefusal(string code) =>
        new("appointment-cancelled", $"预约 {code} 已取消", $"Appointment '{code}' was cancelled.");

    private static Refusal? BeyondHorizon(HallState s, DateTimeOffset slotStart, DateTimeOffset now) =>
        s.LocalDate(slotStart) > s.LocalDate(now).AddDays(s.Config.Booking.HorizonDays)
            ? Refusal.Invalid("beyond-horizon", $"只能预约 {s.Config.Booking.HorizonDays} 天内的时段", $"Slots can be booked up to {s.Config.Booking.HorizonDays} days ahead.")
            : null;
}
