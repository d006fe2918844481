using Queue.Hall.Events;

namespace Queue.Hall;

/// <summary>
/// What a command does: the events to append, or why it is refused. <see cref="TicketId"/> and
/// <see cref="WindowNo"/> name what the answer should show. No events and no refusal means "nothing to do"
/// (call-next with nobody waiting, or a repeat of something already true).
/// </summary>
public sealed record Decision(IReadOnlyList<HallEvent> Events, Refusal? Refusal = null, string? TicketId = null, int? WindowNo = null)
{
    public static Decision Refuse(Refusal r) => new([], r);
    public static Decision Accept(string? ticketId, int? windowNo, params HallEvent[] events) => new(events, null, ticketId, windowNo);
    public bool IsRefused => Refusal is not null;
}

/// <summary>Pure command handling: (state, command, now) → decision. Never mutates the state.</summary>
public static partial class Decide
{
    public const int MaxMattersPerTicket = 10;
    public const int MaxNoticeLength = 200;

    public static Decision Handle(HallState s, HallCommand command, DateTimeOffset now)
    {
        if (command.Key is not { } key) return Stamped(Decided(s, command, now), command);
        var (kind, fingerprint) = (CommandFingerprint.Kind(command), CommandFingerprint.Of(command));
        if (s.KeyResult(key) is { } done)
        {
            // A retry answers with what its first attempt did and does nothing again; another request under the
            // same key is refused, or it would be answered with an action that never happened.
            return done.IsFor(kind, fingerprint) ? Decision.Accept(done.TicketId, done.WindowNo)
                : Decision.Refuse(Refusal.KeyReused(done.Command ?? kind));
        }
        var d = Stamped(Decided(s, command, now), command);
        return d with { Events = [.. d.Events.Select(e => e with { Key = key, Command = kind, Fingerprint = fingerprint })] };
    }

    private static Decision Stamped(Decision d, HallCommand c) =>
        c.By is null && c.Why is null ? d : d with { Events = [.. d.Events.Select(e => e with { By = c.By, Why = c.Why })] };

    private static Decision Decided(HallState s, HallCommand command, DateTimeOffset now) =>
        command switch
        {
            IssueTicket c => Issue(s, c, now),
            BookAppointment c => Book(s, c, now),
            CancelTicket c => Cancel(s, c, now),
            ReinstateTicket c => Reinstate(s, c, now),
            ChangePriority c => Prioritize(s, c, now),
            ChangeWindowCategories c => Reassign(s, c, now),
            RateService c => Rate(s, c, now),
            BookSlot c => BookSlot(s, c, now),
            CancelAppointment c => CancelBooking(s, c, now),
            ArriveTicket c => Arrive(s, c, now),
            RecordNoShows => NoShows.Record(s, now),
            PostNotice c => c.Text.Length > MaxNoticeLength
                ? Decision.Refuse(Refusal.Invalid("notice-too-long", $"通知不能超过 {MaxNoticeLength} 字", $"A notice has at most {MaxNoticeLength} characters."))
                : Decision.Accept(null, null, new NoticePosted(c.Text.Trim(), now)),
            _ => WindowAction(s, command, now),
        };

    /// <summary>With auto-call on, the longest-idle eligible window calls at once; null when none does. The hall calls by
    /// itself, so the call has no <see cref="HallEvent.By"/>: the kiosk that issued the ticket did not call it.</summary>
    public static TicketCalled? AutoCall(HallState s, DateTimeOffset now)
    {
        if (!s.Config.AutoCall) return null;
        foreach (var w in s.WindowsInOrder.Where(w => w.IsIdle).OrderBy(w => w.StateSince).ThenBy(w => w.No))
            if (Dispatcher.Next(s, w, now) is { } t) return new TicketCalled(t.Id, w.No, w.ClerkId, now);
        return null;
    }

    /// <summary>What a command does after its own decision has been applied, on the hall as it then is: 办结并叫下一位 calls
    /// the next ticket once the completion is in the state, so the dispatcher sees the window free and the finished
    /// step gone. Its key is derived from the command's, so a retry finds both halves done.</summary>
    public static HallCommand? FollowUp(HallCommand command) => command switch
    {
        CompleteAndCallNext c => new CallNext(c.WindowNo) { Key = c.Key is { } k ? k + ":call-next" : null, By = c.By, Clerk = c.Clerk },
        _ => null,
    };

    /// <summary>A new service day has begun in hall-local time and must be started before anything else.</summary>
    public static DayStarted? DayChange(HallState s, DateTimeOffset now) =>
        s.LocalDate(now) is var today && today != s.ServiceDate ? new DayStarted(today, now) : null;

    private static Decision Issue(HallState s, IssueTicket c, DateTimeOffset now)
    {
        if (c.Remote && RemoteRefused(s, c) is { } off) return Decision.Refuse(off);
        if (!c.IgnoreOpeningHours && !s.IsOpenAt(now)) return Decision.Refuse(Refusal.HallClosed(s.Config.Hours, s.IsLunchBreak(now)));
        // 预约签到 also checks in a number taken from the phone: its resident types the ticket's code at the same kiosk screen.
        if (c.AppointmentCode is { } arrival && s.TicketByArrivalCode(arrival.Trim().ToUpperInvariant()) is { } remote)
            return c.CategoryCode is not null || c.MatterIds is not null || c.BundleId is not null ? Decision.Refuse(OneChoice)
                : Arrive(remote, "kiosk", now);
        if (c.Priority == Priority.Appointment)
            return Decision.Refuse(Refusal.Invalid("priority-invalid", "预约号请用预约码取号", "Appointment tickets are taken with an appointment code."));
        Route? route;
        Appointment? appointment = null;
        var late = false;
        if (c.AppointmentCode is { } code)
        {
            if (c.CategoryCode is not null || c.MatterIds is not null || c.BundleId is not null) return Decision.Refuse(OneChoice);
            if (!s.Appointments.TryGetValue(code.Trim().ToUpperInvariant(), out appointment))
                return Decision.Refuse(Refusal.UnknownAppointment(code));
            if (appointment.Used)
                return Decision.Refuse(new("appointment-used", $"预约码 {code} 已取过号", $"Appointment '{code}' has already been checked in."));
            if (appointment.Cancelled)
                return Decision.Refuse(AppointmentCancelledRefusal(code));
            if (s.LocalDate(appointment.SlotStart) != s.LocalDate(now))
                return Decision.Refuse(new("appointment-not-today", $"预约 {code} 不是今天的", $"Appointment '{code}' is not for today."));
            var (opens, closes) = (appointment.SlotStart - s.Config.Booking.CheckInEarly, appointment.SlotStart + s.Config.Booking.CheckInLate);
            if (now < opens)
                return Decision.Refuse(new("appointment-too-early", $"预约时段 {s.LocalTime(appointment.SlotStart):HH:mm} 开始，请于 {s.LocalTime(opens):HH:mm} 后签到",
                    $"The slot starts at {s.LocalTime(appointment.SlotStart):HH:mm}; check in from {s.LocalTime(opens):HH:mm}."));
            // Past the check-in window the slot is gone: the resident still queues today, as a walk-in (the view says why).
            late = now > closes;
            route = new Route(appointment.Route, appointment.MatterIds, null);
        }
        else if (ResolveRoute(s, c.CategoryCode, c.MatterIds, c.BundleId, out route) is { } refused) return Decision.Refuse(refused);

        var first = s.Config.Category(route!.Categories[0])!;
        // A booked slot was promised before the day's numbers ran out: 限号 holds for walk-ins only.
        if (appointment is null && s.LeftToday(first) == 0) return Decision.Refuse(Refusal.SoldOut(first));
        if (c.Remote && RemoteWaitRefused(s, first, now, c.IgnoreOpeningHours) is { } notNow) return Decision.Refuse(notNow);
        var seq = s.NextDailySeq(first.Prefix);
        // Past 999 the number grows a digit (A1000) rather than wrapping onto a number already given today.
        var number = $"{first.Prefix}{seq:D3}";
        var onTime = appointment is not null && !late;
        return Decision.Accept(c.NewTicketId, null, new TicketIssued(
            c.NewTicketId, number, first.Prefix, seq, route.Categories, route.MatterIds, route.BundleId,
            onTime ? Priority.Appointment : appointment is null ? c.Priority : Priority.Normal,
            c.Priority == Priority.Green ? c.GreenReason ?? "other" : null,
            appointment?.Code, onTime ? appointment!.SlotStart : null, onTime ? appointment!.SlotEnd : null, c.KioskId, now)
            { Remote = c.Remote, ArrivalCode = c.Remote ? c.NewArrivalCode : null });
    }

    private static Decision Book(HallState s, BookAppointment c, DateTimeOffset now)
    {
        if (c.SlotEnd <= c.SlotStart)
            return Decision.Refuse(Refusal.Invalid("slot-invalid", "预约时段的结束时间必须晚于开始时间", "The slot must end after it starts."));
        if (c.SlotEnd <= now)
            return Decision.Refuse(Refusal.Invalid("slot-past", "预约时段已过", "The slot is in the past."));
        if (BeyondHorizon(s, c.SlotStart, now) is { } far) return Decision.Refuse(far);
        // Staff book by hand (a phoned-in company, 人社局打电话预约), off the slot grid, but only when the hall serves.
        var last = c.SlotEnd.AddTicks(-1);
        if (!c.IgnoreOpeningHours && (!s.IsOpenAt(c.SlotStart) || !s.IsOpenAt(last) || s.LocalDate(c.SlotStart) != s.LocalDate(last)))
            return Decision.Refuse(Refusal.Invalid("slot-outside-hours", $"预约时段须在办公时间内（{s.Config.Hours.Open:HH:mm}–{s.Config.Hours.Close:HH:mm}，工作日）",
                "The slot must lie within the hall's opening hours on a day it is open."));
        if (ResolveRoute(s, c.CategoryCode, c.MatterIds, null, out var route) is { } refused) return Decision.Refuse(refused);
        return Decision.Accept(c.NewCode, null,
            new AppointmentBooked(c.NewCode, route!.Categories, route.MatterIds, c.SlotStart, c.SlotEnd, now) { Name = c.Name, Phone = c.Phone });
    }

    private static Decision Cancel(HallState s, CancelTicket c, DateTimeOffset now) =>
        s.FindTicket(c.TicketRef) is not { } t ? Decision.Refuse(Refusal.UnknownTicket(c.TicketRef))
        : !t.IsOpen ? Decision.Refuse(Refusal.TicketState(t.Number, t.Status, "取消", "cancelled"))
        : Decision.Accept(t.Id, t.WindowNo, new TicketCancelled(t.Id, now));

    private static Decision Reinstate(HallState s, ReinstateTicket c, DateTimeOffset now) =>
        s.FindTicket(c.TicketRef) is not { } t ? Decision.Refuse(Refusal.UnknownTicket(c.TicketRef))
        : t.Status != TicketStatus.NoShow ? Decision.Refuse(Refusal.TicketState(t.Number, t.Status, "恢复过号", "reinstated"))
        : t.Reinstated ? Decision.Refuse(new("reinstate-used", $"{t.Number} 已恢复过一次，不能再次恢复", $"Ticket {t.Number} was already reinstated once."))
        : Decision.Accept(t.Id, null, new TicketReinstated(t.Id, now));

    private static Decision Prioritize(HallState s, ChangePriority c, DateTimeOffset now)
    {
        if (s.FindTicket(c.TicketRef) is not { } t) return Decision.Refuse(Refusal.UnknownTicket(c.TicketRef));
        if (string.IsNullOrWhiteSpace(c.Reason))
            return Decision.Refuse(Refusal.Invalid("reason-required", "调整优先级必须填写原因", "A reason is required to change priority."));
        if (c.Priority == Priority.Appointment)
            return Decision.Refuse(Refusal.Invalid("priority-invalid", "只能调整为绿色通道或普通", "Priority can only be set to green or normal."));
        if (t.Status != TicketStatus.Waiting) return Decision.Refuse(Refusal.TicketState(t.Number, t.Status, "调整优先级", "reprioritised"));
        if (t.Priority == c.Priority) return Decision.Accept(t.Id, null);
        return Decision.Accept(t.Id, null, new TicketPriorityChanged(t.Id, c.Priority, c.Reason.Trim(), c.ManagerId, now));
    }

    private static Decision Reassign(HallState s, ChangeWindowCategories c, DateTimeOffset now)
    {
        if (s.Window(c.WindowNo) is null) return Decision.Refuse(Refusal.UnknownWindow(c.WindowNo));
        if (c.Categories.Count == 0)
            return Decision.Refuse(Refusal.Invalid("categories-required", "窗口至少要办理一个类别", "A window must serve at least one category."));
        foreach (var code in c.Categories.Concat(c.Prefers))
            if (s.Config.Category(code) is null) return Decision.Refuse(Refusal.UnknownCategory(code));
        if (c.Prefers.FirstOrDefault(p => !c.Categories.Contains(p)) is { } stray)
            return Decision.Refuse(Refusal.Invalid("prefers-not-served", $"优先类别 {stray} 不在窗口办理范围内", $"Preferred category '{stray}' is not among those the window serves."));
        return Decision.Accept(null, c.WindowNo, new WindowCategoriesChanged(c.WindowNo, c.Categories.Distinct().ToList(), c.Prefers.Distinct().ToList(), c.ManagerId, now));
    }

    private static readonly Refusal OneChoice = Refusal.Invalid("choose-one",
        "请只选择一种：服务类别、事项、一件事或预约码", "Give exactly one of categoryCode, matterIds, bundleId or appointmentCode.");

    private sealed record Route(IReadOnlyList<string> Categories, IReadOnlyList<string> MatterIds, string? BundleId);

    // Several matters queue once: the ticket walks the distinct categories of its matters in the order given.
    private static Refusal? ResolveRoute(HallState s, string? category, IReadOnlyList<string>? matters, string? bundle, out Route? route)
    {
        route = null;
        if ((category is null ? 0 : 1) + (matters is null ? 0 : 1) + (bundle is null ? 0 : 1) != 1) return OneChoice;
        if (category is not null)
        {
            if (s.Config.Category(category) is null) return Refusal.UnknownCategory(category);
            route = new Route([category], [], null);
        }
        else if (bundle is not null)
        {
            if (s.Config.Bundle(bundle) is not { } b)
                return Refusal.NotFound("bundle-not-found", $"没有“{bundle}”这件事", $"Bundle '{bundle}' does not exist.");
            route = new Route(b.Route, b.MatterIds, b.Id);
        }
        else
        {
            if (matters!.Count == 0 || matters.Count > MaxMattersPerTicket)
                return Refusal.Invalid("matters-count", $"一张号可办 1 到 {MaxMattersPerTicket} 个事项", $"A ticket carries 1 to {MaxMattersPerTicket} matters.");
            var categories = new List<string>();
            foreach (var id in matters)
            {
                if (s.Config.Matter(id) is not { } m)
                    return Refusal.NotFound("matter-not-found", $"没有事项“{id}”", $"Matter '{id}' does not exist.");
                if (!categories.Contains(m.CategoryCode)) categories.Add(m.CategoryCode);
            }
            route = new Route(categories, matters.Distinct().ToList(), null);
        }
        return null;
    }
}
