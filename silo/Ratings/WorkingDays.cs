using Queue.Hall;

namespace Queue.Silo.Ratings;

/// <summary>
/// 工作日 by a hall's calendar: its usual weekdays (<see cref="OpeningHours.Days"/>, ISO Monday = 1), less its
/// <see cref="HallConfig.Holidays"/> (法定节假日 on a usual working day), plus its <see cref="HallConfig.ExtraWorkdays"/>
/// (调休: a usual day off worked). All dates are hall-local.
/// <para>
/// "Within N working days" of a rating means by the end (24:00, hall-local) of the Nth working day after the date the
/// rating was given, that date itself never counting: a rating on Friday afternoon is to be followed up "within 1
/// working day" by the end of Monday, and one given on a Saturday too. A deadline is that last date, <see cref="Due"/>;
/// it is missed (overdue) from the day after it.
/// </para>
/// </summary>
public static class WorkingDays
{
    /// <summary>A hall with no working day in ten years has a broken calendar; a deadline must not loop for ever.</summary>
    private const int SearchLimitDays = 3660;

    /// <summary>The Nth working day after <paramref name="from"/> (not counting <paramref name="from"/> itself).</summary>
    public static DateOnly After(HallConfig hall, DateOnly from, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        var date = from;
        for (int counted = 0, searched = 0; counted < workingDays; searched++)
        {
            if (searched > SearchLimitDays)
                throw new InvalidOperationException($"Hall '{hall.Id}' has no working day in {SearchLimitDays} days after {from:yyyy-MM-dd}.");
            date = date.AddDays(1);
            if (hall.IsWorkday(date)) counted++;
        }
        return date;
    }

    /// <summary>The last hall-local date on which something due "within N working days" of <paramref name="at"/> is on time.</summary>
    public static DateOnly Due(HallConfig hall, TimeZoneInfo zone, DateTimeOffset at, int workingDays) =>
        After(hall, LocalDate(zone, at), workingDays);

    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

}
