using Queue.Hall.Events;

namespace Queue.Hall;

/// <summary>
/// 爽约 (no-shows): an appointment neither checked in nor cancelled by the close of its check-in window (the slot's start
/// plus <see cref="BookingRules.CheckInLate"/>). Recorded in the hall's turn, so a check-in and a no-show of one appointment
/// never both happen; counted per phone key across days by the silo's projection, with <see cref="RestrictedUntil"/>.
/// </summary>
public static class NoShows
{
    /// <summary>When an appointment's check-in window closes (a check-in at that instant is still on time): after it, the
    /// appointment is a no-show unless it was checked in or cancelled.</summary>
    public static DateTimeOffset WindowCloses(DateTimeOffset slotStart, BookingRules rules) => slotStart + rules.CheckInLate;

    /// <summary>Every pending appointment whose window has closed, as one decision (nothing to do when none has).</summary>
    public static Decision Record(HallState s, DateTimeOffset now) => Decision.Accept(null, null,
        [.. s.Appointments.Values.Where(a => a.Pending && WindowCloses(a.SlotStart, s.Config.Booking) < now).OrderBy(a => a.SlotStart)
            .Select(a => new AppointmentMissed(a.Code, a.SlotStart, a.SlotEnd, now) { PhoneKey = a.PhoneKey })]);

    /// <summary>
    /// Until when a phone may not book, given when its no-shows' windows closed: <see cref="BookingRules.NoShowLimit"/> of them
    /// within <see cref="BookingRules.NoShowDays"/> restrict it for <see cref="BookingRules.RestrictDays"/> from the last of
    /// those; null when it may book now.
    /// </summary>
    public static DateTimeOffset? RestrictedUntil(IEnumerable<DateTimeOffset> missed, BookingRules rules, DateTimeOffset now)
    {
        if (rules.NoShowLimit <= 0) return null;
        var times = missed.Order().ToList();
        DateTimeOffset? until = null;
        for (var last = rules.NoShowLimit - 1; last < times.Count; last++)
        {
            var end = times[last] + TimeSpan.FromDays(rules.RestrictDays);
            if (times[last] - times[last - rules.NoShowLimit + 1] <= TimeSpan.FromDays(rules.NoShowDays) && times[last] <= now && end > now
                && (until is null || end > until)) until = end;
        }
        return until;
    }

    /// <summary>403 booking-restricted: how many no-shows within how long, and the hall-local date booking opens again.</summary>
    public static Refusal Restricted(HallConfig hall, DateTimeOffset until)
    {
        var (rules, local) = (hall.Booking, TimeZoneInfo.ConvertTime(until, TimeZoneInfo.FindSystemTimeZoneById(hall.TimeZone)));
        return new("booking-restricted",
            $"该手机号 {rules.NoShowDays} 天内已有 {rules.NoShowLimit} 次预约未到（爽约），{local:yyyy年M月d日 HH:mm} 前不能预约；可直接到大厅取号办理",
            $"This phone missed {rules.NoShowLimit} appointments within {rules.NoShowDays} days; it may book again from {local:yyyy-MM-dd HH:mm} (hall time). Until then, take a number at the hall.",
            RefusalKind.Forbidden);
    }
}
