using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>预约 through the API (issue 15), on the seed hall xuanen (综合受理: 4 seats a half hour), on Monday 10:00.</summary>
public class AppointmentEndpointTests
{
    public static readonly Dictionary<string, string> NoLimits = new() { ["RateLimits:resident:PermitLimit"] = "1000", ["RateLimits:booking:PermitLimit"] = "1000" };
    private const string Tuesday9 = "2026-11-24T09:00:00+08:00";

    private static Task<HttpResponseMessage> Book(HttpClient http, string phone, string slotStart = Tuesday9, string? key = null) => http.Book(phone, slotStart, key);

    [Fact]
    public async Task Fifty_residents_booking_the_last_seat_at_once_give_it_to_exactly_one_and_tell_the_others_it_is_full()
    {
        await using var silo = new SiloApplication(settings: NoLimits);
        var http = silo.AnonymousClient();
        for (var i = 0; i < 3; i++) await HallApi.Body(await Book(http, $"1380000000{i}"));

        var tries = await Task.WhenAll(Enumerable.Range(10, 50).Select(i => Book(http, $"139000000{i}")));
        Assert.Single(tries, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in tries.Where(r => r.StatusCode != HttpStatusCode.Created))
            await HallApi.AssertProblem(refused, HttpStatusCode.Conflict, "slot-full");
        var slots = await http.GetOk($"/api/halls/{HallApi.Hall}/appointment-slots?date=2026-11-24&categoryCode=general");
        var nine = slots.EnumerateArray().Single(s => s.GetProperty("start").GetDateTimeOffset() == DateTimeOffset.Parse(Tuesday9));
        Assert.Equal((4, 0), (nine.GetProperty("capacity").GetInt32(), nine.GetProperty("left").GetInt32()));
        Assert.Equal(18, slots.GetArrayLength());   // 08:30–17:30, 中午不打烊
    }

    [Fact]
    public async Task A_resident_books_retries_looks_up_with_the_last_four_digits_cancels_and_a_cancelled_code_does_not_check_in()
    {
        await using var silo = new SiloApplication(settings: NoLimits);
        var http = silo.AnonymousClient();
        var first = await HallApi.Body(await Book(http, "13812345678", key: "booking-1"));
        var code = first.GetProperty("code").GetString()!;
        Assert.Equal(("booked", "张*", "138****5678", "综合受理"), (first.GetProperty("status").GetString(), first.GetProperty("name").GetString(),
            first.GetProperty("phone").GetString(), first.GetProperty("categoryName").GetString()));
        Assert.Equal(DateTimeOffset.Parse(Tuesday9), first.GetProperty("slot").GetProperty("start").GetDateTimeOffset());
        // A retry on a flaky line is the same booking, not a second seat.
        Assert.Equal(code, (await HallApi.Body(await Book(http, "13812345678", key: "booking-1"))).GetProperty("code").GetString());
        await HallApi.AssertProblem(await Book(http, "13812345678", "2026-11-24T15:00:00+08:00"), HttpStatusCode.Conflict, "already-booked");

        await HallApi.AssertProblem(await http.GetAsync($"/api/halls/{HallApi.Hall}/appointments/{code}?phone4=0000"), HttpStatusCode.NotFound, "appointment-not-found");
        Assert.Equal(code, (await http.GetOk($"/api/halls/{HallApi.Hall}/appointments/{code}?phone4=5678")).GetProperty("code").GetString());
        await HallApi.AssertProblem(await http.Post($"/api/halls/{HallApi.Hall}/appointments/{code}/cancel", new { phone4 = "1234" }), HttpStatusCode.NotFound, "appointment-not-found");
        Assert.Equal("cancelled", (await http.PostOk($"/api/halls/{HallApi.Hall}/appointments/{code}/cancel", new { phone4 = "5678" })).GetProperty("status").GetString());
        await HallApi.AssertProblem(await http.Post($"/api/halls/{HallApi.Hall}/appointments/{code}/cancel", new { phone4 = "5678" }), HttpStatusCode.Conflict, "appointment-cancelled");

        silo.Clock.Advance(TimeSpan.FromHours(23));   // Tuesday 09:00
        await HallApi.AssertProblem(await silo.Client().Take(new { appointmentCode = code }), HttpStatusCode.Conflict, "appointment-cancelled");
    }

    [Fact]
    public async Task Wrong_bookings_are_refused_with_a_reason_and_take_no_seat()
    {
        await using var silo = new SiloApplication(settings: NoLimits);
        var http = silo.AnonymousClient();
        await HallApi.AssertProblem(await Book(http, "12345"), HttpStatusCode.BadRequest, "phone-invalid");
        await HallApi.AssertProblem(await Book(http, "13812345678", "2026-11-24T04:00:00+08:00"), HttpStatusCode.BadRequest, "slot-not-offered");
        await HallApi.AssertProblem(await Book(http, "13812345678", "2027-11-24T09:00:00+08:00"), HttpStatusCode.BadRequest, "beyond-horizon");
        await HallApi.AssertProblem(await Book(http, "13812345678", "2026-11-28T09:00:00+08:00"), HttpStatusCode.BadRequest, "hall-closed-that-day");
        await HallApi.AssertProblem(await Book(http, "13812345678", "2026-11-23T09:00:00+08:00"), HttpStatusCode.BadRequest, "slot-past");
        await HallApi.AssertProblem(await Book(http, "13812345678", "2026-11-23T10:00:00+08:00"), HttpStatusCode.BadRequest, "slot-past");
        silo.Clock.Advance(TimeSpan.FromMinutes(5));   // 10:05: the 10:30 slot closed for booking at 10:00
        await HallApi.AssertProblem(await Book(http, "13812345678", "2026-11-23T10:30:00+08:00"), HttpStatusCode.Conflict, "booking-closed");
        // The slots say so too, so a page never offers a slot the hall will refuse: today's up to 10:30 are closed, 11:00 open.
        var today = (await http.GetOk($"/api/halls/{HallApi.Hall}/appointment-slots?date=2026-11-23&categoryCode=general")).EnumerateArray()
            .ToDictionary(x => x.GetProperty("start").GetDateTimeOffset(), x => x.GetProperty("open").GetBoolean());
        Assert.Equal((false, false, true), (today[DateTimeOffset.Parse("2026-11-23T08:30:00+08:00")],
            today[DateTimeOffset.Parse("2026-11-23T10:30:00+08:00")], today[DateTimeOffset.Parse("2026-11-23T11:00:00+08:00")]));
        await HallApi.AssertProblem(await http.GetAsync($"/api/halls/{HallApi.Hall}/appointment-slots?date=24/11&categoryCode=general"), HttpStatusCode.BadRequest, "date-invalid");
        var left = await http.GetOk($"/api/halls/{HallApi.Hall}/appointment-slots?date=2026-11-24&categoryCode=general");
        Assert.All(left.EnumerateArray(), s => Assert.Equal(4, s.GetProperty("left").GetInt32()));
        Assert.Empty((await http.GetOk($"/api/halls/{HallApi.Hall}/appointment-slots?date=2026-11-28&categoryCode=general")).EnumerateArray());
    }
}
