using Queue.Hall;
using Queue.Silo.Ratings;

namespace Queue.Silo.Tests.Ratings;

/// <summary>Deadlines in working days by a hall's own calendar (weekends, 法定节假日, 调休).</summary>
public class WorkingDaysTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static HallConfig Hall(DateOnly[]? holidays = null, DateOnly[]? extraWorkdays = null) => new()
    {
        Id = "h", Name = "测试大厅", Categories = [], Windows = [], Holidays = holidays ?? [], ExtraWorkdays = extraWorkdays ?? [],
    };

    private static DateOnly D(int month, int day) => new(2026, month, day);

    /// <summary>Hall-local time on a date (Shanghai is UTC+8).</summary>
    private static DateTimeOffset At(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_rating_on_Friday_or_on_the_weekend_is_due_within_one_working_day_by_the_end_of_Monday()
    {
        Assert.Equal(D(11, 30), WorkingDays.Due(Hall(), Shanghai, At(11, 27, 16), 1)); // Friday afternoon
        Assert.Equal(D(11, 30), WorkingDays.Due(Hall(), Shanghai, At(11, 28, 10), 1)); // Saturday
        Assert.Equal(D(11, 24), WorkingDays.Due(Hall(), Shanghai, At(11, 23, 9), 1));  // Monday: the rating's own day never counts
    }

    [Fact]
    public void The_rating_day_is_the_halls_local_date_not_UTCs()
    {
        // Sunday 22 November 17:00 UTC is Monday 01:00 in the hall: due by the end of Tuesday, not of Monday.
        var early = new DateTimeOffset(2026, 11, 22, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal(D(11, 24), WorkingDays.Due(Hall(), Shanghai, early, 1));
    }

    [Fact]
    public void A_holiday_is_skipped_and_a_worked_day_off_counts()
    {
        var mondayOff = Hall(holidays: [D(11, 30)]);
        Assert.False(mondayOff.IsWorkday(D(11, 30)));
        Assert.Equal(D(12, 1), WorkingDays.Due(mondayOff, Shanghai, At(11, 27, 16), 1));

        var saturdayWorked = Hall(extraWorkdays: [D(11, 28)]);   // 调休
        Assert.True(saturdayWorked.IsWorkday(D(11, 28)));
        Assert.False(saturdayWorked.IsWorkday(D(11, 29)));
        Assert.Equal(D(11, 28), WorkingDays.Due(saturdayWorked, Shanghai, At(11, 27, 16), 1));
    }

    [Fact]
    public void Fifteen_working_days_run_across_weekends_a_holiday_and_a_worked_Saturday()
    {
        var rated = At(11, 23, 10);   // Monday
        // Tue 24 … Fri 27 (4), Mon 30 (5), Dec 1–4 (9), 7–11 (14), Mon 14 (15).
        Assert.Equal(D(12, 14), WorkingDays.Due(Hall(), Shanghai, rated, 15));
        // Tuesday 1 December off: one day later.
        Assert.Equal(D(12, 15), WorkingDays.Due(Hall(holidays: [D(12, 1)]), Shanghai, rated, 15));
        // …and Saturday 5 December worked (调休) gives it back.
        Assert.Equal(D(12, 14), WorkingDays.Due(Hall(holidays: [D(12, 1)], extraWorkdays: [D(12, 5)]), Shanghai, rated, 15));
    }

    [Fact]
    public void A_calendar_with_no_working_day_fails_instead_of_looping()
    {
        var never = Hall() with { Hours = new OpeningHours { Days = [] } };
        Assert.Throws<InvalidOperationException>(() => WorkingDays.After(never, D(11, 23), 1));
    }
}
