using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Bookings;

/// <summary>爽约 (issue 15) on the seed hall xuanen, whose rule is the default: 3 no-shows within 30 days restrict a phone for
/// 30 days from the third (when a restriction ends: BookingTests in Hall.Tests). The silo's clock starts on Monday 2026-11-23 10:00 and is moved across days.</summary>
public class NoShowTests
{
    private static string Nine(int day, int month = 11) => new DateTimeOffset(2026, month, day, 9, 0, 0, TimeSpan.FromHours(8)).ToString("O");

    [Fact]
    public async Task Three_missed_appointments_in_a_month_stop_the_phone_booking_until_30_days_after_the_third_and_a_refusal_takes_no_seat()
    {
        await using var silo = new SiloApplication(settings: AppointmentEndpointTests.NoLimits);
        var (http, staff) = (silo.AnonymousClient(), silo.Client());
        const string Missing = "13700000001", Coming = "13700000002";
        await http.BookOk(Missing, Nine(24));
        var wednesday = await http.BookOk(Missing, Nine(25));
        await http.BookOk(Missing, Nine(26));
        var coming = await http.BookOk(Coming, Nine(24));

        silo.Clock.Advance(TimeSpan.FromHours(23));   // Tuesday 09:00: one of the two checks in
        await staff.TakeOk(new { appointmentCode = coming });
        silo.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(16));   // Wednesday 09:16: two no-shows
        await http.BookOk(Missing, Nine(27));   // two do not restrict yet
        Assert.Equal("missed", (await http.GetOk($"/api/halls/{HallApi.Hall}/appointments/{wednesday}?phone4=0001")).GetProperty("status").GetString());
        await HallApi.AssertProblem(await http.Post($"/api/halls/{HallApi.Hall}/appointments/{wednesday}/cancel", new { phone4 = "0001" }),
            HttpStatusCode.Conflict, "appointment-missed");

        silo.Clock.Advance(TimeSpan.FromDays(1));   // Thursday 09:16: the third
        var refused = await HallApi.AssertProblem(await http.Book(Missing, Nine(30)), HttpStatusCode.Forbidden, "booking-restricted");
        Assert.Equal(new DateTimeOffset(2026, 12, 26, 9, 15, 0, TimeSpan.FromHours(8)), refused.GetProperty("until").GetDateTimeOffset());
        Assert.Contains("2026年12月26日 09:15 前不能预约", refused.GetProperty("title").GetString());
        await http.BookOk(Coming, Nine(30));   // who came books as before
        var monday = (await http.GetOk($"/api/halls/{HallApi.Hall}/appointment-slots?date=2026-11-30&categoryCode=general"))
            .EnumerateArray().Single(s => s.GetProperty("start").GetDateTimeOffset() == DateTimeOffset.Parse(Nine(30)));
        Assert.Equal(3, monday.GetProperty("left").GetInt32());
    }
}
