using Queue.Tests.Support;
using System.Net;
using System.Net.Http.Json;

namespace Queue.Silo.Tests;

public class RateLimitTests
{
    [Fact]
    public async Task Looking_a_ticket_up_too_often_answers_429_with_retry_after_until_the_window_passes()
    {
        await using var silo = new SiloApplication(settings: new Dictionary<string, string>
        {
            ["RateLimits:lookup:PermitLimit"] = "5", ["RateLimits:lookup:Window"] = "00:00:02",
        });
        var http = silo.Client();
        var ticket = $"/api/halls/xuanen/tickets/{(await http.TakeOk(new { categoryCode = "general" })).GetProperty("id")}";
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ticket)).StatusCode);

        var refused = await http.GetAsync(ticket);
        await HallApi.AssertProblem(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        // The limiter's window runs on real time and replenishes on its own timer tick: ask until it lets the look-up through.
        await Wait.Until(async () => (await http.GetAsync(ticket)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10),
            "the look-up to be answered again after the window");
    }

    [Fact]
    public async Task Cancelling_and_calling_for_help_over_the_limit_are_refused_and_change_nothing()
    {
        await using var silo = new SiloApplication(settings: new Dictionary<string, string>
        {
            ["RateLimits:resident:PermitLimit"] = "1", ["RateLimits:help:PermitLimit"] = "1",
        });
        var admin = silo.Client();
        var kiosk = silo.DeviceClient((await admin.PairOk("kiosk", "k1")).Token);
        var first = (await kiosk.TakeOk(new { categoryCode = "general" })).GetProperty("id");
        var second = (await kiosk.TakeOk(new { categoryCode = "general" })).GetProperty("id");
        var phone = silo.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await phone.PostAsync($"/api/halls/xuanen/tickets/{first}/cancel", null)).StatusCode);
        await HallApi.AssertProblem(await phone.PostAsync($"/api/halls/xuanen/tickets/{second}/cancel", null), HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal("waiting", (await HallApi.Body(await phone.GetAsync($"/api/halls/xuanen/tickets/{second}"))).GetProperty("status").GetString());

        // A kiosk counts as itself: its second press within the minute is refused and raises nothing the manager had dismissed.
        Assert.Equal(HttpStatusCode.Accepted, (await kiosk.PostAsync("/api/halls/xuanen/help", null)).StatusCode);
        Assert.Contains("k1", await admin.GetStringAsync("/api/halls/xuanen/manage/alerts"));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/halls/xuanen/manage/alerts/help:k1/dismiss", null)).StatusCode);
        await HallApi.AssertProblem(await kiosk.PostAsync("/api/halls/xuanen/help", null), HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.Equal("[]", await admin.GetStringAsync("/api/halls/xuanen/manage/alerts"));
    }

    [Fact]
    public async Task Booking_over_the_limit_from_one_address_is_refused_and_takes_no_seat_while_an_integration_counts_apart()
    {
        await using var silo = new SiloApplication(settings: new Dictionary<string, string> { ["RateLimits:booking:PermitLimit"] = "2" });
        const string Tuesday9 = "2026-11-24T09:00:00+08:00", Wednesday9 = "2026-11-25T09:00:00+08:00";
        var resident = silo.AnonymousClient();
        var hotline = silo.DeviceClient((await silo.Client().PairOk("integration", "12345 热线")).Token);
        await resident.BookOk("13500000001", Tuesday9);
        await resident.BookOk("13500000002", Tuesday9);
        await HallApi.AssertProblem(await resident.Book("13500000003", Tuesday9), HttpStatusCode.TooManyRequests, "rate-limited");
        // The hotline books for many callers: its own limit (RateLimits:booking-integration), not the residents'.
        for (var i = 0; i < 3; i++) await hotline.BookOk($"1350000001{i}", Wednesday9);
        var slots = await resident.GetOk("/api/halls/xuanen/appointment-slots?date=2026-11-24&categoryCode=general");
        Assert.Equal(2, slots.EnumerateArray().Single(s => s.GetProperty("start").GetDateTimeOffset() == DateTimeOffset.Parse(Tuesday9)).GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task A_busy_kiosk_taking_a_hundred_tickets_at_the_default_limits_is_never_refused()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        for (var i = 0; i < 100; i++) await http.TakeOk(new { categoryCode = "general", kioskId = "k1" });
        Assert.Equal(100, (await HallApi.Body(await http.GetAsync("/api/halls/xuanen"))).GetProperty("waitingTotal").GetInt32());
    }
}
