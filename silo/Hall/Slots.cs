namespace Queue.Hall;

/// <summary>Which slots a hall offers on a day (pure: from its configuration alone; what is left is the state's business).</summary>
public static class Slots
{
    public static IReadOnlyList<Slot> Offered(HallConfig config, DateOnly date, string categoryCode)
    {
        if (!config.IsWorkday(date) || PerSlot(config, date, categoryCode) is not int capacity || capacity <= 0) return [];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        var (hours, length) = (config.Hours, TimeSpan.FromMinutes(config.Booking.SlotMinutes));
        var slots = new List<Slot>();
        for (var start = hours.Open; start.ToTimeSpan() + length <= hours.Close.ToTimeSpan(); start = start.Add(length))
        {
            var end = start.Add(length);
            if (!hours.LunchService && start < hours.LunchEnd && end > hours.LunchStart) continue;   // no slot in a 午休
            slots.Add(new Slot(categoryCode, Utc(date, start, zone), Utc(date, end, zone), capacity));
        }
        return slots;
    }

    private static int? PerSlot(HallConfig config, DateOnly date, string category)
    {
        var rules = config.Booking;
        if (rules.Exceptions.FirstOrDefault(e => e.Date == date && (e.CategoryCode is null || e.CategoryCode == category)) is { } exception)
            return exception.PerSlot;
        var weekday = date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek;
        var usual = config.Hours.Days.Contains(weekday);
        // A 调休 working day is not one of the usual weekdays: every capacity of the category holds on it.
        return rules.Capacity.FirstOrDefault(c => c.CategoryCode == category && (c.Days is null || !usual || c.Days.Contains(weekday)))?.PerSlot;
    }

    private static DateTimeOffset Utc(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
