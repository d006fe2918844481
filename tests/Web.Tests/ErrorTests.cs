using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>A hall with every window closed, and the silo going down and coming back.</summary>
public sealed class ErrorTests(SiloSite site) : IClassFixture<SiloSite>
{
    [Fact]
    public async Task A_hall_with_every_window_closed_says_so_everywhere()
    {
        var kiosk = await site.KioskAsync("k1", 1920, 1080);
        await Expect(kiosk.Locator("button.tile").Filter(new() { HasText = "不动产登记" })).ToContainTextAsync("暂无窗口开放");
        await kiosk.Locator("button.tile").Filter(new() { HasText = "不动产登记" }).ClickAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(kiosk.Locator(".ticket .wait")).ToContainTextAsync("暂无窗口开放");
        await SiloSite.ScreenshotAsync(kiosk, "kiosk-ticket-1920x1080");

        var tv = await site.NewPageAsync(1920, 1080);
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await Expect(tv.Locator("#windows")).ToHaveTextAsync("暂无开放窗口，请稍候");

        var manager = await site.SignInManagerAsync();
        await Expect(manager.Locator("#alerts")).ToContainTextAsync("不动产登记有 1 人等候，但没有开放的窗口");
    }

    [Fact]
    public async Task Pages_say_they_are_offline_while_the_silo_is_down_and_recover_by_themselves()
    {
        var tv = await site.NewPageAsync(1920, 1080);
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await Expect(tv.Locator("conn-status")).ToBeHiddenAsync();
        var kiosk = await site.KioskAsync("k1");
        var before = await site.Api.Waiting("tax");

        site.StopSilo();
        await Expect(tv.Locator("conn-status")).ToHaveTextAsync("网络中断，正在重新连接…");
        await Expect(kiosk.Locator("conn-status")).ToBeVisibleAsync();
        await SiloSite.ScreenshotAsync(tv, "tv-offline-1920x1080");
        // The kiosk offers no number it cannot give: it says so at once (KioskTests follows a tap that was under way).
        await Expect(kiosk.Locator("h2")).ToHaveTextAsync("暂时无法取号");
        await Expect(kiosk.GetByRole(AriaRole.Alert)).ToContainTextAsync("网络中断");

        await site.StartSiloAsync();
        await Expect(tv.Locator("conn-status")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(tv.Locator("#hall-name")).ToHaveTextAsync("宣恩县市民之家");

        await kiosk.Locator("button.tile").Filter(new() { HasText = "税务" }).ClickAsync(new() { Timeout = 20_000 });
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(kiosk.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^C\\d{3}$"));
        Assert.Equal(before + 1, await site.Api.Waiting("tax"));
        await Expect(kiosk.Locator("conn-status")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        Assert.Empty(site.PageErrors);
    }
}
