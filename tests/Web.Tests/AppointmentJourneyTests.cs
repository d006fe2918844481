using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>A silo whose halls' clock is the last Monday morning gone (Halls:ClockStart, running on from there), whatever
/// the hour the tests run: first 09:20, when the 10:00 slot can still be booked; after a restart 09:45, inside its
/// check-in window (09:30–10:15).</summary>
public sealed class MondayMorningSite : SiloSite
{
    static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    static readonly DateOnly Monday = LastMonday(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime));
    public static readonly DateTimeOffset Booking = At(9, 20), Arrival = At(9, 45);

    /// <summary>Where the halls' clock starts when the silo next starts.</summary>
    public DateTimeOffset ClockStart { get; set; } = Booking;

    protected override string[] SiloArgs => [$"--Halls:ClockStart={ClockStart:O}"];

    // Past, never ahead (the silo refuses a clock ahead of now). Staff cookies last the session, so the browser, whose own
    // clock is the real one, keeps them.
    static DateOnly LastMonday(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 5) % 7 + 1));
    static DateTimeOffset At(int hour, int minute) => new(Monday.ToDateTime(new TimeOnly(hour, minute)), Beijing);
}

/// <summary>预约 from booking to being called: a resident books 10:00 on the phone inside WeChat, arrives at 09:45, checks in
/// at the kiosk with the code and gets a number, and a clerk's next call calls it on the TV and the phone.</summary>
public sealed class AppointmentJourneyTests(MondayMorningSite site) : IClassFixture<MondayMorningSite>
{
    const string WeChat = "Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) " +
                          "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 " +
                          "MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";

    static Task Clock(IPage page, DateTimeOffset at) => page.Clock.InstallAsync(new() { TimeDate = at.UtcDateTime });

    [Fact]
    public async Task A_slot_booked_in_wechat_is_checked_in_at_the_kiosk_with_its_code_and_the_number_is_called()
    {
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var booking = await site.NewPageAsync(390, 844, isMobile: true, userAgent: WeChat);
        await Clock(booking, MondayMorningSite.Booking);
        await booking.GotoAsync($"/book/{SiloSite.Hall}");
        await booking.GetByLabel("办理什么").SelectOptionAsync("category:general");
        // Today is bookable still: 10:00 closes for booking at 09:30.
        var today = booking.Locator("button[data-action=day]").First;
        await Expect(today).ToContainTextAsync("今天");
        await Expect(today).ToBeEnabledAsync();
        await today.TapAsync();
        await booking.Locator("button[data-action=slot]", new() { HasText = "10:00" }).TapAsync();
        await booking.GetByLabel("手机号码（必填）").FillAsync(phone);
        await booking.GetByRole(AriaRole.Button, new() { Name = "确认预约" }).TapAsync();
        var code = (await booking.Locator("#booking-code").TextContentAsync())!.Trim();
        Assert.NotEmpty(code);
        await Expect(booking.Locator("#main")).ToContainTextAsync("综合受理 · ");
        await Expect(booking.Locator("#main")).ToContainTextAsync("10:00–10:30");
        await Expect(booking.GetByRole(AriaRole.Img, new() { Name = "预约二维码" }).Locator("svg")).ToBeVisibleAsync();
        await SiloSite.AssertButtonsInViewAsync(booking);

        // The resident comes back at 09:45; the silo meanwhile restarted (the booking is durable).
        site.StopSilo();
        site.ClockStart = MondayMorningSite.Arrival;
        await site.StartSiloAsync();

        var tv = await site.NewPageAsync(1920, 1080);
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        var clerk = await site.SignInClerkAsync(5, "c05");

        var kiosk = await site.KioskAsync("k1", before: p => Clock(p, MondayMorningSite.Arrival));
        await kiosk.Locator("button.tile").Filter(new() { HasText = "预约签到" }).ClickAsync();
        await kiosk.GetByLabel("请输入预约码").FillAsync(code);
        var answer = await kiosk.RunAndWaitForResponseAsync(
            () => kiosk.GetByRole(AriaRole.Button, new() { Name = "签到取号" }).ClickAsync(), r => r.Url.EndsWith("/tickets"));
        Assert.Equal(201, answer.Status);
        await Expect(kiosk.Locator(".ticket")).ToContainTextAsync("预约已签到");
        await Expect(kiosk.Locator(".ticket .what")).ToHaveTextAsync("综合受理");
        var number = kiosk.Locator(".ticket .number");
        await Expect(number).ToHaveTextAsync(new Regex("^A\\d{3}$"));
        var ticketNo = await number.InnerTextAsync();
        var status = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/appointments/{code}?phone4={phone[^4..]}");
        Assert.Equal("checkedIn", status.GetProperty("status").GetString());

        var phonePage = await site.NewPageAsync(390, 844, isMobile: true, userAgent: WeChat);
        await phonePage.GotoAsync((await answer.JsonAsync())!.Value.GetProperty("statusUrl").GetString()!);
        await Expect(phonePage.Locator(".number")).ToHaveTextAsync(ticketNo);

        // The clerk calls the next resident: the booked one, early for the slot, at a window nobody else waits for.
        await Expect(clerk.Locator("[data-cmd=call-next]")).ToBeEnabledAsync();
        await clerk.Keyboard.PressAsync("1");
        await Expect(clerk.Locator("#current .number")).ToHaveTextAsync(ticketNo);
        await Expect(tv.Locator("#latest .number")).ToHaveTextAsync(ticketNo);
        await Expect(tv.Locator("#latest .where")).ToContainTextAsync("请到 5 号窗口");
        await Expect(phonePage.Locator(".state")).ToHaveTextAsync("已叫号");
        await Expect(phonePage.Locator(".callout")).ToContainTextAsync("请到 5 号窗口");
        Assert.Empty(site.PageErrors);
    }
}
