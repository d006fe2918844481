using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>预约 on slots (issue 15): what a hall offers on a day, and who gets a seat.</summary>
public class BookingTests
{
    // Monday 2026-11-23 10:00 in Shanghai is TestHall's now. Tuesday the 24th is a holiday, Saturday the 28th a 调休 working day.
    private static readonly DateOnly Tuesday = new(2026, 11, 24), Wednesday = new(2026, 11, 25), Saturday = new(2026, 11, 28), Sunday = new(2026, 11, 29);
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static HallConfig Hall(bool lunchService) => TestHall.Config3() with
    {
        Hours = new OpeningHours { Open = new(9, 0), Close = new(17, 0), LunchStart = new(12, 0), LunchEnd = new(13, 30), LunchService = lunchService },
        Holidays = [Tuesday], ExtraWorkdays = [Saturday],
        Booking = new BookingRules
        {
            HorizonDays = 7, CutoffMinutes = 60,
            Capacity = [new("general", 2), new("tax", 1, Days: [1, 3, 4])],
            Exceptions = [new(Wednesday, 0, "general")],
        },
    };

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => new(day.ToDateTime(new TimeOnly(hour, minute)), Shanghai);

    [Fact]
    public void Slots_are_half_hours_inside_opening_hours_on_working_days_and_skip_a_lunch_break_the_hall_keeps()
    {
        var thursday = new DateOnly(2026, 11, 26);
        var withLunch = Slots.Offered(Hall(lunchService: false), thursday, "general");
        // 09:00–17:00 is 16 half hours; a 12:00–13:30 break takes three.
        Assert.Equal(13, withLunch.Count);
        Assert.Equal((At(thursday, 9), At(thursday, 9, 30), 2), (withLunch[0].Start, withLunch[0].End, withLunch[0].Capacity));
        Assert.Equal(At(thursday, 16, 30), withLunch[^1].Start);
        Assert.DoesNotContain(withLunch, s => s.Start >= At(thursday, 12) && s.Start < At(thursday, 13, 30));
        Assert.Equal(16, Slots.Offered(Hall(lunchService: true), thursday, "general").Count);   // 中午不打烊

        Assert.Empty(Slots.Offered(Hall(true), Tuesday, "general"));            // a holiday
        Assert.Empty(Slots.Offered(Hall(true), Sunday, "general"));             // a weekend (Config3 opens every day: Hours says Monday–Friday here)
        Assert.Equal(16, Slots.Offered(Hall(true), Saturday, "general").Count); // a 调休 working day
        Assert.Empty(Slots.Offered(Hall(true), Wednesday, "general"));          // the date's exception
        Assert.Equal(16, Slots.Offered(Hall(true), Wednesday, "tax").Count);    // tax is bookable on Wednesdays
        Assert.Empty(Slots.Offered(Hall(true), thursday.AddDays(1), "tax"));    // but not on Fridays
    }

    [Fact]
    public void The_last_seat_goes_once_and_every_wrong_booking_is_refused_with_its_reason_changing_nothing()
    {
        var hall = new TestHall(Hall(lunchService: false));
        var thursday = new DateOnly(2026, 11, 26);
        Decision Book(DateTimeOffset start, string phone, string category = "general") =>
            hall.Do(new BookSlot(hall.NewId(), category, null, null, start, PhoneKey: phone, Phone: "sealed"));

        Assert.Null(Book(At(thursday, 9), "p1").Refusal);
        Assert.Equal("already-booked", Book(At(thursday, 15), "p1").Refusal?.Code);   // same phone, category and day
        Assert.Null(Book(At(thursday, 15), "p1", "tax").Refusal);                     // another service the same day is fine
        Assert.Null(Book(At(thursday, 9), "p2").Refusal);
        Assert.Equal("slot-full", Book(At(thursday, 9), "p3").Refusal?.Code);
        Assert.Equal("slot-not-offered", Book(At(thursday, 12, 30), "p3").Refusal?.Code);  // 午休
        Assert.Equal("slot-not-offered", Book(At(thursday, 9, 10), "p3").Refusal?.Code);   // not on the half hour
        Assert.Equal("slot-not-offered", Book(At(thursday, 4), "p3").Refusal?.Code);       // 04:00
        Assert.Equal("hall-closed-that-day", Book(At(Tuesday, 10), "p3").Refusal?.Code);
        Assert.Equal("beyond-horizon", Book(At(thursday.AddDays(7), 10), "p3").Refusal?.Code);
        Assert.Equal("beyond-horizon", Book(At(thursday.AddYears(1), 10), "p3").Refusal?.Code);
        Assert.Equal("slot-past", Book(At(new DateOnly(2026, 11, 23), 9, 30), "p3").Refusal?.Code);
        Assert.Equal("booking-closed", Book(At(new DateOnly(2026, 11, 23), 10, 30), "p3").Refusal?.Code);  // within the hour's cut-off
        Assert.Equal(3, hall.State.Appointments.Count);   // p1's two bookings (general, tax) and p2's

        // A cancel frees the seat; a cancelled code neither cancels again nor checks in.
        var p2 = hall.State.Appointments.Values.Single(a => a.PhoneKey == "p2").Code;
        Assert.IsType<AppointmentCancelled>(Assert.Single(hall.Do(new CancelAppointment(p2)).Events));
        Assert.Equal("appointment-cancelled", hall.Do(new CancelAppointment(p2)).Refusal?.Code);
        Assert.Null(Book(At(thursday, 9), "p3").Refusal);
        Assert.True(hall.Replay().Appointments[p2].Cancelled);
    }

    [Fact]
    public void Staff_may_book_off_the_slot_grid_but_only_while_the_hall_serves_and_within_the_horizon()
    {
        var hall = new TestHall(Hall(lunchService: false));
        var thursday = new DateOnly(2026, 11, 26);
        Assert.Null(hall.Do(new BookAppointment("M1", "general", null, At(thursday, 10, 10), At(thursday, 10, 40))).Refusal);
        Assert.Equal("slot-outside-hours", hall.Do(new BookAppointment("M2", "general", null, At(thursday, 4), At(thursday, 4, 30))).Refusal?.Code);
        Assert.Equal("slot-outside-hours", hall.Do(new BookAppointment("M3", "general", null, At(thursday, 11, 45), At(thursday, 12, 15))).Refusal?.Code);
        Assert.Equal("beyond-horizon", hall.Do(new BookAppointment("M4", "general", null, At(thursday.AddYears(1), 10), At(thursday.AddYears(1), 11))).Refusal?.Code);
    }

    [Fact]
    public void Check_in_opens_half_an_hour_before_the_slot_and_a_resident_later_than_a_quarter_hour_queues_as_a_walk_in()
    {
        var hall = new TestHall(Hall(lunchService: true));   // Monday 10:00
        var today = new DateOnly(2026, 11, 23);
        Assert.Null(hall.Do(new BookAppointment("EARLY", "general", null, At(today, 11), At(today, 11, 30))).Refusal);
        Assert.Null(hall.Do(new BookAppointment("ONTIME", "general", null, At(today, 10, 20), At(today, 10, 50))).Refusal);
        Assert.Null(hall.Do(new BookAppointment("LATE", "general", null, At(today, 10, 20), At(today, 10, 50))).Refusal);

        Assert.Equal("appointment-too-early", hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: "EARLY")).Refusal?.Code);
        var onTime = hall.State.TicketById(hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: "ONTIME")).TicketId!)!;
        Assert.Equal((Priority.Appointment, At(today, 10, 20)), (onTime.Priority, onTime.SlotStart));
        hall.Now = At(today, 10, 36).ToUniversalTime();
        var late = hall.State.TicketById(hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: "LATE")).TicketId!)!;
        Assert.Equal((Priority.Normal, (DateTimeOffset?)null, "LATE"), (late.Priority, late.SlotStart, late.AppointmentCode));
        Assert.True(hall.State.Appointments["LATE"].Used);
    }

    [Fact]
    public void A_no_show_is_recorded_once_when_the_check_in_window_closes_never_for_a_check_in_or_a_cancel_and_is_not_forgotten_overnight()
    {
        var hall = new TestHall(Hall(lunchService: true));   // Monday 10:00
        var today = new DateOnly(2026, 11, 23);
        foreach (var code in new[] { "CAME", "LATE", "CANCELLED" })
            Assert.Null(hall.Do(new BookAppointment(code, "general", null, At(today, 10, 20), At(today, 10, 50))).Refusal);
        var afternoon = hall.Do(new BookSlot("AFTERNOON", "general", null, null, At(today, 15), PhoneKey: "p1", Phone: "sealed"));
        Assert.Null(afternoon.Refusal);
        Assert.Null(hall.Do(new BookAppointment("STAFF", "general", null, At(today, 15), At(today, 15, 30))).Refusal);   // no phone to count
        Assert.Null(hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: "CAME")).Refusal);
        Assert.Null(hall.Do(new CancelAppointment("CANCELLED")).Refusal);

        hall.Now = At(today, 10, 35).ToUniversalTime();
        Assert.Empty(hall.Do(new RecordNoShows()).Events);   // the window closes at 10:35: until then a check-in is on time
        hall.Now = At(today, 10, 35).AddSeconds(1).ToUniversalTime();
        Assert.Equal("LATE", Assert.IsType<AppointmentMissed>(Assert.Single(hall.Do(new RecordNoShows()).Events)).Code);
        Assert.Empty(hall.Do(new RecordNoShows()).Events);
        // The no-show cannot be cancelled away; late, the resident still queues as a walk-in.
        Assert.Equal("appointment-missed", hall.Do(new CancelAppointment("LATE")).Refusal?.Code);
        Assert.Equal(Priority.Normal, hall.State.TicketById(hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: "LATE")).TicketId!)!.Priority);

        // Nobody asked before midnight: the resident's afternoon booking is still the hall's to record the next morning, and
        // then leaves the hall with its sealed contact; the staff booking (no phone to count) left at the day change.
        hall.Now = At(today.AddDays(1), 9).ToUniversalTime();
        Assert.Equal("AFTERNOON", Assert.IsType<AppointmentMissed>(Assert.Single(hall.Do(new RecordNoShows()).Events)).Code);
        Assert.Empty(hall.State.Appointments);
        Assert.Empty(hall.Replay().Appointments);
    }

    [Theory]
    [InlineData("2026-11-02,2026-11-20", null)]                        // two: not yet
    [InlineData("2026-11-02,2026-11-10,2026-11-20", "2026-12-20")]     // three within 30 days: 30 days from the third
    [InlineData("2026-10-01,2026-10-20,2026-11-02", null)]              // three, but 32 days apart
    [InlineData("2026-10-01,2026-10-02,2026-10-03", null)]              // three within 30 days, restriction over on 11-02
    [InlineData("2026-10-20,2026-10-21,2026-10-22,2026-11-20", "2026-12-20")]   // a fourth (with two others in 30 days) restricts anew
    public void A_phone_is_restricted_for_30_days_after_its_third_no_show_within_30_days(string missed, string? until)
    {
        var now = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var times = missed.Split(',').Select(d => new DateTimeOffset(DateOnly.Parse(d).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        Assert.Equal(until is null ? null : new DateTimeOffset(DateOnly.Parse(until).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            NoShows.RestrictedUntil(times, new BookingRules(), now));
        Assert.Null(NoShows.RestrictedUntil(times, new BookingRules { NoShowLimit = 0 }, now));   // a hall without the rule
    }
}
