using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>The whole journey: kiosk → clerk console → TV and window screen → phone.</summary>
public sealed class JourneyTests(SiloSite site) : IClassFixture<SiloSite>
{
    [Fact]
    public async Task Ticket_taken_at_kiosk_is_called_at_console_shown_on_tv_and_phone_says_called()
    {
        var tv = await site.NewPageAsync(1920, 1080);
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await Expect(tv.Locator("#hall-name")).ToHaveTextAsync("宣恩县市民之家");
        await DisplayTests.EnableSoundAsync(tv);

        var clerk = await site.SignInClerkAsync(5, "c05");
        await Expect(clerk.Locator("#who")).ToContainTextAsync("5号综合窗口");

        // Kiosk: category, then two matters on one ticket.
        var kiosk = await site.KioskAsync("k1");
        await kiosk.Locator("button.tile").Filter(new() { HasText = "综合受理" }).ClickAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "企业开办" }).ClickAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "社保卡申领" }).ClickAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "取号（已选 2 项）" }).ClickAsync();
        var answer = await kiosk.RunAndWaitForResponseAsync(
            () => kiosk.GetByRole(AriaRole.Button, new() { Name = "确认取号" }).ClickAsync(), r => r.Url.EndsWith("/tickets"));
        var number = kiosk.Locator(".ticket .number");
        await Expect(number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^A\\d{3}$"));
        var ticketNo = await number.InnerTextAsync();
        await Expect(kiosk.Locator(".ticket")).ToContainTextAsync("企业开办、社保卡申领");
        await Expect(kiosk.Locator(".ticket .wait")).ToContainTextAsync("前面还有 0 人");
        // This kiosk opens the silo as 127.0.0.1 with no Printing:PublicUrl, so it shows no QR code no phone could open
        // (KioskLayoutTests shows one with the address set); the phone opens the ticket's statusUrl.
        await Expect(kiosk.Locator(".ticket .no-qr")).ToBeVisibleAsync();
        await SiloSite.ScreenshotAsync(kiosk, "kiosk-ticket-1080x1920");
        await SiloSite.AssertFitsAsync(kiosk);

        // The phone page's unguessable address.
        var phoneUrl = (await answer.JsonAsync())!.Value.GetProperty("statusUrl").GetString();
        Assert.Matches($"/ticket/{SiloSite.Hall}/[A-Za-z0-9_-]{{20,}}$", phoneUrl);
        var phone = await site.NewPageAsync(390, 844, isMobile: true);
        await phone.GotoAsync(phoneUrl!);
        await Expect(phone.Locator(".number")).ToHaveTextAsync(ticketNo);
        await Expect(phone.Locator(".state")).ToHaveTextAsync("排队等候中");
        await SiloSite.ScreenshotAsync(phone, "phone-waiting-390x844");

        var window = await site.NewPageAsync(1280, 720);
        await window.GotoAsync($"/window/{SiloSite.Hall}/5");
        await Expect(window.Locator("#window-name")).ToHaveTextAsync("5号综合窗口");

        // Clerk calls with the keyboard shortcut.
        await clerk.Keyboard.PressAsync("1");
        await Expect(clerk.Locator("#current .number")).ToHaveTextAsync(ticketNo);
        await Expect(clerk.Locator("#status")).ToContainTextAsync($"已叫号 {ticketNo}");
        await Expect(clerk.Locator("#current")).ToContainTextAsync("企业开办");
        await SiloSite.ScreenshotAsync(clerk, "clerk-1920x1080");

        // TV: the newest call large, flashing, read out and queued for the voice.
        await Expect(tv.Locator("#latest .number")).ToHaveTextAsync(ticketNo);
        await Expect(tv.Locator("#latest .where")).ToContainTextAsync("请到 5 号窗口");
        await Expect(tv.Locator("#latest")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        await Expect(tv.Locator("#announce")).ToHaveTextAsync($"请 {ticketNo} 号 到 5 号窗口 办理");
        var announced = await tv.EvaluateAsync<string[]>("() => hallAnnouncer.history.map(h => h.number + '@' + h.windowNo)");
        Assert.Equal([$"{ticketNo}@5"], announced);
        await Expect(tv.Locator("#windows")).ToContainTextAsync(ticketNo);
        await SiloSite.ScreenshotAsync(tv, "tv-1920x1080");
        await SiloSite.AssertFitsAsync(tv);

        await Expect(window.Locator(".number")).ToHaveTextAsync(ticketNo);
        await SiloSite.ScreenshotAsync(window, "window-1280x720");

        // Phone: called, with the window to go to (live from the hub).
        await Expect(phone.Locator(".callout")).ToContainTextAsync("请到 5 号窗口");
        await Expect(phone.Locator(".state")).ToHaveTextAsync("已叫号");
        await SiloSite.ScreenshotAsync(phone, "phone-called-390x844");

        Assert.Empty(site.PageErrors);
    }
}
