using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>手机排队进度 on a phone (390×844, touch): the call is heard as well as felt, and its buttons are easy to hit.</summary>
public sealed class PhoneTests(SiloSite site) : IClassFixture<SiloSite>
{
    /// <summary>Counts the tones the page starts and the vibrations it asks for; <paramref name="vibrates"/> false is an
    /// iPhone, whose browsers have no navigator.vibrate at all.</summary>
    static string Listen(bool vibrates) => $$"""
        window.tones = 0; window.vibrations = 0;
        const start = OscillatorNode.prototype.start;
        OscillatorNode.prototype.start = function (...a) { window.tones++; return start.apply(this, a); };
        if ({{(vibrates ? "true" : "false")}}) Navigator.prototype.vibrate = () => { window.vibrations++; return true; };
        else delete Navigator.prototype.vibrate;
        """;

    async Task<IPage> PhoneAsync(string ticketUrl, bool vibrates)
    {
        var page = await site.NewPageAsync(390, 844, isMobile: true);
        await page.AddInitScriptAsync(Listen(vibrates));
        await page.GotoAsync(ticketUrl);
        await Expect(page.Locator(".state")).ToHaveTextAsync("排队等候中");
        return page;
    }

    [Theory]
    [InlineData(false, 1)]   // iPhone: no vibration, so the chime is all there is
    [InlineData(true, 2)]
    public async Task A_call_chimes_once_the_resident_has_tapped_and_vibrates_where_the_phone_can(bool vibrates, int windowNo)
    {
        await site.Api.OpenWindow(windowNo);
        var ticket = await site.Api.TakeOk(new { categoryCode = "general" });
        var page = await PhoneAsync(ticket.GetProperty("statusUrl").GetString()!, vibrates);

        await page.GetByRole(AriaRole.Button, new() { Name = "开启叫号提示音" }).TapAsync();
        await Expect(page.Locator(".sound")).ToHaveTextAsync("叫号时手机会响铃并振动，请保持本页打开");
        var sample = await page.EvaluateAsync<int>("() => tones");
        Assert.True(sample > 0, "tapping 开启叫号提示音 plays the chime once, so the resident knows what to listen for");

        Assert.Equal(ticket.GetProperty("number").GetString(), (await site.Api.ActOk(windowNo, "call-next")).TicketNumber());
        await Expect(page.Locator(".callout")).ToContainTextAsync($"请到 {windowNo} 号窗口");
        await Wait.Until(async () => await page.EvaluateAsync<int>("() => tones") == 2 * sample, TimeSpan.FromSeconds(10), "the call chimes");
        Assert.Equal(vibrates ? 1 : 0, await page.EvaluateAsync<int>("() => vibrations"));
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task A_number_taken_from_the_phone_says_to_check_in_at_the_hall_and_queues_as_usual_once_checked_in_by_the_door_code()
    {
        await site.Api.OpenWindow(26);   // 不动产登记 at 20 minutes a resident: one waiting is enough for 线上取号 (xuanen: from 20)
        await site.Api.TakeOk(new { categoryCode = "estate" });
        var page = await site.NewPageAsync(390, 844, isMobile: true);
        await page.GotoAsync($"/take/{SiloSite.Hall}");
        await Expect(page.GetByText("预计等候 20 分钟以上的业务可以线上取号")).ToBeVisibleAsync();
        await SiloSite.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "不动产登记 线上取号" }).TapAsync();

        await Expect(page.Locator("#aside-title")).ToHaveTextAsync("请到大厅签到后等待叫号");
        await Expect(page.Locator("#ticket .state")).ToHaveTextAsync("已线上取号，尚未签到");
        await Expect(page.Locator(".facts")).ToContainTextAsync("前面还有1人");
        await Expect(page.Locator(".aside .code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-9]{8}$"));
        await Expect(page.Locator("conn-status")).ToBeHiddenAsync();   // live: the page as the resident keeps it
        await SiloSite.AssertButtonsInViewAsync(page);
        await SiloSite.AssertAccessibleAsync(page);

        // The kiosk's 预约签到 screen shows the door's code (and its QR) to those who took a number from home.
        var kiosk = await site.KioskAsync("k-door");
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "预约签到" }).ClickAsync();
        var door = kiosk.Locator(".door-code .num");
        await Expect(door).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{6}$"));
        await SiloSite.AssertFitsAsync(kiosk);
        await page.Locator("#door-code").FillAsync(await door.TextContentAsync() ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "签到" }).TapAsync();
        await Expect(page.Locator("#ticket .state")).ToHaveTextAsync("排队等候中");
        await Expect(page.Locator("#aside-title")).ToHaveCountAsync(0);
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task A_bundle_ticket_says_that_its_next_step_is_at_the_result_window()
    {
        var ticket = await site.Api.TakeOk(new { bundleId = "xsecs" });   // 新生儿出生一件事: 综合受理, then 出件
        var page = await PhoneAsync(ticket.GetProperty("statusUrl").GetString()!, vibrates: true);
        await Expect(page.GetByText("第 1 步，共 2 步")).ToHaveTextAsync("第 1 步，共 2 步 · 第 2 步到出件窗口");
        // Out of the way of the other tests' calls at 综合受理.
        await site.Api.PostOk($"/api/halls/{SiloSite.Hall}/tickets/{ticket.GetProperty("id").GetString()}/cancel", new { });
    }

    [Fact]
    public async Task The_cancel_button_is_at_least_9mm_tall_every_button_is_on_screen_and_axe_finds_nothing_serious()
    {
        var ticket = await site.Api.TakeOk(new { categoryCode = "tax" });
        var page = await PhoneAsync(ticket.GetProperty("statusUrl").GetString()!, vibrates: true);
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = "不办了，取消排队" });
        // 9 mm at 96 CSS px to the inch is 34 px.
        Assert.True((await cancel.BoundingBoxAsync())!.Height >= 34, $"cancel is {(await cancel.BoundingBoxAsync())!.Height}px tall");
        Assert.True((await page.GetByRole(AriaRole.Button, new() { Name = "开启叫号提示音" }).BoundingBoxAsync())!.Height >= 34);
        await SiloSite.AssertButtonsInViewAsync(page);
        await SiloSite.AssertAccessibleAsync(page);
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task After_its_service_the_phone_rates_it_once_and_a_second_rating_is_refused_in_chinese()
    {
        await site.Api.OpenWindow(22);
        var ticket = await site.Api.TakeOk(new { categoryCode = "police" });
        var statusUrl = ticket.GetProperty("statusUrl").GetString()!;
        var phone = await PhoneAsync(statusUrl, vibrates: true);
        Assert.Equal(ticket.GetProperty("number").GetString(), (await site.Api.ActOk(22, "call-next")).TicketNumber());
        await Expect(phone.Locator(".rate-card")).ToHaveCountAsync(0);   // nothing to rate before the service is done
        await site.Api.ActOk(22, "complete");

        var card = phone.Locator(".rate-card");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Name = "请对本次服务作出评价" })).ToBeVisibleAsync();
        await Expect(card.Locator(".what")).ToHaveTextAsync("公安户政 · 22号公安户政窗口");
        // The same ticket open on a second phone whose network drops WebSockets: it still offers the rating.
        var other = await site.NewPageAsync(390, 844, isMobile: true);
        await other.RouteWebSocketAsync("**/hubs/hall**", ws => ws.CloseAsync());
        await other.GotoAsync(statusUrl);
        await Expect(other.Locator(".rate-card")).ToBeVisibleAsync();

        await phone.GetByRole(AriaRole.Button, new() { Name = "非常满意" }).TapAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "热情周到" }).TapAsync();
        await SiloSite.AssertAccessibleAsync(phone);
        await SiloSite.ScreenshotAsync(phone, "phone-rating-390x844");
        var posted = await phone.RunAndWaitForResponseAsync(
            () => phone.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).TapAsync(), r => r.Url.EndsWith("/rating"));
        Assert.Equal(201, posted.Status);
        await Expect(phone.Locator("#status")).ToHaveTextAsync("感谢您的评价！");
        await Expect(card).ToHaveCountAsync(0);
        var rated = System.Text.Json.JsonDocument.Parse(await posted.TextAsync()).RootElement;
        Assert.Equal((5, "热情周到", "phone"), (rated.GetProperty("grade").GetInt32(), rated.GetProperty("tags")[0].GetString(), rated.GetProperty("channel").GetString()));
        var view = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/tickets/{ticket.GetProperty("id").GetString()}");
        Assert.False(view.TryGetProperty("rateable", out _), $"still rateable: {view}");

        // The second phone's rating of the same service is refused, in the silo's words, and its card goes.
        await other.GetByRole(AriaRole.Button, new() { Name = "基本满意" }).TapAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).TapAsync();
        await Expect(other.Locator("#status")).ToHaveTextAsync("本次服务已评价过，每次服务只能评价一次");
        await Expect(other.Locator(".rate-card")).ToHaveCountAsync(0);
        Assert.Empty(site.PageErrors);
    }
}
