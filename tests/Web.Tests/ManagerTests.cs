using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>大厅管理: live figures, alerts, and actions that say what they did.</summary>
public sealed class ManagerTests(SiloSite site) : IClassFixture<SiloSite>
{
    Task<IPage> DashboardAsync() => site.SignInManagerAsync();

    static ILocator Row(IPage page, int windowNo) => page.Locator($"tr[data-window=\"{windowNo}\"]");

    [Fact]
    public async Task Dashboard_shows_windows_categories_and_help_alerts_live()
    {
        foreach (var no in new[] { 1, 2, 3 }) await site.Api.OpenWindow(no);
        for (var i = 0; i < 4; i++) await site.Api.TakeOk(new { categoryCode = "general" });
        var called = (await site.Api.ActOk(1, "call-next")).TicketNumber();
        await site.Api.ActOk(2, "pause");

        var page = await DashboardAsync();
        await Expect(Row(page, 1)).ToContainTextAsync(called);
        await Expect(Row(page, 1).Locator(".state")).ToHaveTextAsync("开放");
        await Expect(Row(page, 2).Locator(".state")).ToHaveTextAsync("暂停");
        await Expect(page.Locator("#categories tr").Filter(new() { HasText = "综合受理" }).Locator("td").First).ToHaveTextAsync("3");

        // Live: a call made elsewhere shows up without a reload.
        var next = (await site.Api.ActOk(3, "call-next")).TicketNumber();
        await Expect(Row(page, 3)).ToContainTextAsync(next);

        using (var kiosk = site.DeviceClient((await site.PairKioskAsync("k2")).Token))
            await kiosk.PostOk($"/api/halls/{SiloSite.Hall}/help", new { });
        var help = page.Locator("#alerts li.help");
        await Expect(help).ToContainTextAsync("呼叫帮办");
        await SiloSite.ScreenshotAsync(page, "manager-1920x1080");
        await help.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();
        await Expect(help).ToHaveCountAsync(0);
        await Expect(page.Locator("#status")).ToHaveTextAsync("已确认告警");
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task Manager_opens_reassigns_and_closes_a_window_and_each_action_says_so()
    {
        var page = await DashboardAsync();
        await Row(page, 10).GetByRole(AriaRole.Button, new() { Name = "开放" }).ClickAsync();
        await page.GetByLabel("工号").FillAsync("m10");
        await page.GetByRole(AriaRole.Button, new() { Name = "开放", Exact = true }).Last.ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("已开放 10号综合窗口（工号 m10）");
        await Expect(Row(page, 10).Locator(".state")).ToHaveTextAsync("开放");

        await Row(page, 10).GetByRole(AriaRole.Button, new() { Name = "业务设置" }).ClickAsync();
        await page.GetByLabel("10号综合窗口 可办理 出件").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("已更新 10号综合窗口 的业务：综合受理、出件");
        var categories = (await site.Api.WindowOk(10)).GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToArray();
        Assert.Equal(new string?[] { "general", "result" }, categories);

        await Row(page, 10).GetByRole(AriaRole.Button, new() { Name = "关闭" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("已关闭 10号综合窗口");
        await Expect(Row(page, 10).Locator(".state")).ToHaveTextAsync("关闭");
    }

    [Fact]
    public async Task Closing_a_busy_window_is_refused_with_the_reason()
    {
        await site.Api.OpenWindow(23);
        await site.Api.TakeOk(new { categoryCode = "police" });
        await site.Api.ActOk(23, "call-next");
        var page = await DashboardAsync();
        await Row(page, 23).GetByRole(AriaRole.Button, new() { Name = "关闭" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "error");
        await Expect(page.Locator("#status")).ToContainTextAsync("未完成：");
        Assert.Equal("open", (await site.Api.WindowOk(23)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Priority_and_notice_say_what_they_did_and_the_tv_shows_the_notice()
    {
        var ticket = await site.Api.TakeOk(new { categoryCode = "tax" });
        var number = ticket.GetProperty("number").GetString()!;
        var page = await DashboardAsync();
        await page.GetByLabel("号码").FillAsync(number);
        await page.GetByLabel("原因").FillAsync("行动不便的老人");
        await page.GetByRole(AriaRole.Button, new() { Name = "设为绿色通道" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"已将 {number} 设为绿色通道优先（原因：行动不便的老人）");
        var id = ticket.GetProperty("id").GetString();
        Assert.Equal("green", (await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/tickets/{id}")).GetProperty("priority").GetString());

        var tv = await site.NewPageAsync(1920, 1080);
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await page.GetByLabel("发布到综合屏").FillAsync("今日中午不打烊，请有序排队");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布公告" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("公告已发布到大厅显示屏：今日中午不打烊，请有序排队");
        await Expect(tv.Locator("#notice")).ToHaveTextAsync("今日中午不打烊，请有序排队");

        await page.GetByLabel("发布到综合屏").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布公告" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("公告已清除");
        await Expect(tv.Locator(".notice")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("empty"));
    }
}
