using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>大厅管理: live figures, alerts, and actions that say what they did.</summary>
public sealed class ManagerTests(SiloSite site) : IClassFixture<SiloSite>
{
    Task<IPage> DashboardAsync() => site.SignInManagerAsync();

    static ILocator Row(IPage page, int windowNo) => page.Locator($"[data-window=\"{windowNo}\"]");

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
    public async Task All_27_windows_fit_one_1080p_screen_open_first_and_the_header_does_not_count_paused_as_open()
    {
        foreach (var no in new[] { 11, 12, 20 }) await site.Api.OpenWindow(no);
        await site.Api.ActOk(12, "pause");
        var page = await DashboardAsync();
        var tiles = page.Locator("#windows [data-window]");
        await Expect(Row(page, 12).Locator(".state")).ToHaveTextAsync("暂停");
        await Expect(tiles).ToHaveCountAsync(27);

        // Open ones first, then paused, then closed: the order on screen.
        var states = await tiles.EvaluateAllAsync<string[]>("ts => ts.map(t => t.querySelector('.state').className.replace('state', '').trim())");
        var rank = states.Select(st => Array.IndexOf(["open", "paused", "closed"], st)).ToArray();
        Assert.True(rank.All(r => r >= 0) && rank.Zip(rank.Skip(1)).All(p => p.First <= p.Second), string.Join(",", states));
        Assert.Equal(["open", "paused"], states.Take(states.Count(st => st != "closed")).Distinct().ToArray());

        var (open, paused) = (states.Count(st => st == "open"), states.Count(st => st == "paused"));
        await Expect(page.Locator("#summary")).ToContainTextAsync($"开放窗口 {open}/27 · 暂停 {paused}");
        var outside = await tiles.EvaluateAllAsync<int[]>(
            "ts => ts.filter(t => { const r = t.getBoundingClientRect(); return r.top < 0 || r.bottom > innerHeight || r.right > innerWidth; }).map(t => +t.dataset.window)");
        Assert.True(outside.Length == 0, "windows below or beside the screen: " + string.Join(", ", outside));
        await SiloSite.ScreenshotAsync(page, "manager-27-windows-1920x1080");
    }

    [Fact]
    public async Task No_text_under_16px_and_no_serious_accessibility_fault_in_the_overview_devices_and_audit()
    {
        await site.Api.OpenWindow(13);
        var page = await DashboardAsync();
        await Expect(Row(page, 13).Locator(".state")).ToHaveTextAsync("开放");
        await TextSizes.AssertNoneUnderAsync(page, 16);
        await SiloSite.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "设备" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "已配对的设备" })).ToBeVisibleAsync();
        await Expect(page.Locator("#devices tr").First).ToBeVisibleAsync();
        await TextSizes.AssertNoneUnderAsync(page, 16);
        await SiloSite.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "操作记录" }).ClickAsync();
        await Expect(page.Locator("#audit tr").First).ToBeVisibleAsync();
        await TextSizes.AssertNoneUnderAsync(page, 16);
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task A_kiosk_paired_with_its_place_is_listed_so_and_its_help_call_says_where_to_go()
    {
        var page = await site.SignInManagerAsync("#devices");
        await page.GetByLabel("设备类型").SelectOptionAsync("kiosk");
        await page.GetByLabel("设备名称").FillAsync("k6");
        await page.GetByLabel("摆放位置").FillAsync("一楼东侧入口");
        await page.GetByRole(AriaRole.Button, new() { Name = "生成配对链接" }).ClickAsync();
        await Expect(page.Locator("#devices-status")).ToHaveTextAsync("已为取号机 k6 生成配对链接");
        await Expect(page.Locator("#devices tr").Filter(new() { HasText = "k6" })).ToContainTextAsync("一楼东侧入口");
        var token = await page.Locator("#paired-token").InputValueAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "总览" }).ClickAsync();
        using (var kiosk = site.DeviceClient(token))
            await kiosk.PostOk($"/api/halls/{SiloSite.Hall}/help", new { });
        await Expect(page.Locator("#alerts li.help").Filter(new() { HasText = "k6" }))
            .ToContainTextAsync("取号机 k6（一楼东侧入口）有群众呼叫帮办，请前往协助");
    }

    [Fact]
    public async Task Force_close_asks_a_reason_and_puts_the_called_resident_back_at_the_head_of_the_queue()
    {
        await site.Api.OpenWindow(27);
        var first = await site.Api.TakeOk(new { categoryCode = "estate" });
        await site.Api.TakeOk(new { categoryCode = "estate" });
        var called = (await site.Api.ActOk(27, "call-next")).TicketNumber();
        var page = await DashboardAsync();
        await Expect(Row(page, 27)).ToContainTextAsync(called);

        await Row(page, 27).GetByRole(AriaRole.Button, new() { Name = "强制关闭" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync($"当前号码 {called} 将回到其队伍最前面");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "强制关闭" }).ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();   // no reason, no force-close
        await dialog.GetByLabel("原因").FillAsync("工作人员突发不适");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "强制关闭" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"已强制关闭 27号不动产窗口，{called} 已回到队伍最前面（原因：工作人员突发不适）");
        await Expect(Row(page, 27).Locator(".state")).ToHaveTextAsync("关闭");

        Assert.Equal("closed", (await site.Api.WindowOk(27)).GetProperty("state").GetString());
        var back = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/tickets/{first.GetProperty("id").GetString()}");
        Assert.Equal((called, "waiting", 0), (back.GetProperty("number").GetString(), back.GetProperty("status").GetString(), back.GetProperty("peopleAhead").GetInt32()));
    }

    [Fact]
    public async Task Manager_opens_reassigns_and_closes_a_window_and_each_action_says_so()
    {
        var page = await DashboardAsync();
        await Row(page, 10).GetByRole(AriaRole.Button, new() { Name = "开放 10号综合窗口" }).ClickAsync();
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

        await Row(page, 10).GetByRole(AriaRole.Button, new() { Name = "关闭 10号综合窗口", Exact = true }).ClickAsync();
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
        await Row(page, 23).GetByRole(AriaRole.Button, new() { Name = "关闭 23号公安户政窗口", Exact = true }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "error");
        await Expect(page.Locator("#status")).ToContainTextAsync("未完成：");
        Assert.Equal("open", (await site.Api.WindowOk(23)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_bad_rating_is_listed_as_a_case_with_its_deadlines_and_the_manager_records_the_contact()
    {
        // 出件 at window 21: no other test here serves that queue, so the call is this ticket.
        await site.Api.OpenWindow(21);
        var ticket = await site.Api.TakeOk(new { categoryCode = "result" });
        var number = ticket.GetProperty("number").GetString()!;
        await site.Api.ActOk(21, "call-next");
        await site.Api.ActOk(21, "complete");
        using (var phone = new HttpClient { BaseAddress = new Uri(site.BaseUrl) })
            Assert.Equal(System.Net.HttpStatusCode.Created, (await phone.Rate(ticket.GetProperty("id").GetString()!, new { grade = 1, tags = new[] { "推诿扯皮" } })).StatusCode);

        var page = await DashboardAsync();
        var row = page.Locator("#cases tr").Filter(new() { HasText = number });
        await Expect(row).ToContainTextAsync("非常不满意");
        await Expect(row).ToContainTextAsync("待联系");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+月\d+日$"));   // 联系期限

        await row.GetByRole(AriaRole.Button, new() { Name = $"{number} 登记联系核实" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("做了什么").FillAsync("已电话联系群众，核实属实");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator("#cases-status")).ToHaveTextAsync($"{number} 已联系核实");
        await Expect(row).ToContainTextAsync("已联系核实");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveTextAsync("登记整改");
        await page.Locator("#cases").ScrollIntoViewIfNeededAsync();
        await SiloSite.ScreenshotAsync(page, "manager-cases-1920x1080");
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task Priority_and_notice_say_what_they_did_and_the_tv_shows_the_notice()
    {
        var ticket = await site.Api.TakeOk(new { categoryCode = "tax" });
        var number = ticket.GetProperty("number").GetString()!;
        var page = await DashboardAsync();
        await page.GetByLabel("号码").FillAsync(number);
        await page.GetByLabel("原因", new() { Exact = true }).FillAsync("行动不便的老人");
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
    [Fact]
    public async Task Dashboard_draws_todays_charts_and_its_daily_report_shows_the_charts_and_tables()
    {
        // Some of today at window 6: a number served.
        await site.Api.OpenWindow(6);
        await site.Api.TakeOk(new { categoryCode = "general" });
        await site.Api.ActOk(6, "call-next");
        await site.Api.ActOk(6, "complete");

        var page = await DashboardAsync();
        const string drawn = "ids => ids.every(id => document.querySelector(`canvas[data-chart=${id}]`) && Chart.getChart(document.querySelector(`canvas[data-chart=${id}]`)))";
        await page.WaitForFunctionAsync(drawn, new[] { "arrivals", "waits", "satisfaction" });
        await Expect(page.Locator("#charts canvas[data-chart=arrivals]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"共取号 [1-9]\d*，办结 [1-9]"));

        await page.GetByRole(AriaRole.Link, new() { Name = "今日日报" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("宣恩县市民之家");
        await Expect(page.Locator(".period")).ToHaveTextAsync($"{DateTime.UtcNow.AddHours(8):yyyy年M月d日} 政务服务日报");   // the hall's day (UTC+8)
        await page.WaitForFunctionAsync(drawn, new[] { "arrivals", "waits", "satisfaction" });
        var categories = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "按业务类别" }) });
        await Expect(categories.GetByRole(AriaRole.Row).Filter(new() { HasText = "综合受理" })).ToHaveCountAsync(1);
        var windows = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "按窗口" }) });
        // Window 6 served today: its row's 办结 is not nought.
        var window6 = windows.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "6号综合窗口", Exact = true }) });
        await Expect(window6.Locator("td").First).Not.ToHaveTextAsync("0");
        await SiloSite.ScreenshotAsync(page, "daily-report");
        Assert.Empty(site.PageErrors);
    }
}
