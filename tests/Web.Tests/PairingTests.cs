using System.Net;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>Devices: a manager pairs them in the dashboard (设备), the link or QR code opens each one ready, and 撤销
/// stops it; plus the dashboard's 操作记录.</summary>
public sealed class PairingTests(SiloSite site) : IClassFixture<SiloSite>
{
    static ILocator Tile(IPage page, string text) => page.Locator("button.tile").Filter(new() { HasText = text });
    static ILocator DeviceRow(IPage manager, string name) => manager.Locator("#devices tr").Filter(new() { HasText = name });

    [Fact]
    public async Task A_manager_pairs_a_kiosk_in_the_dashboard_and_its_link_opens_the_kiosk_ready_to_issue_tickets()
    {
        var manager = await site.SignInManagerAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "设备" }).ClickAsync();
        await manager.GetByLabel("设备类型").SelectOptionAsync("kiosk");
        await manager.GetByLabel("设备名称").FillAsync("k-east");
        await manager.GetByRole(AriaRole.Button, new() { Name = "生成配对链接" }).ClickAsync();
        await Expect(manager.Locator("#devices-status")).ToHaveTextAsync("已为取号机 k-east 生成配对链接");
        var link = manager.Locator("#paired-link");
        await Expect(link).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{site.BaseUrl}/pair/{SiloSite.Hall}#token=\\S+$"));
        var pairUrl = (await link.GetAttributeAsync("href"))!;
        Assert.Equal(pairUrl, await manager.Locator("#paired-qr").GetAttributeAsync("value")); // the QR code holds the same link
        Assert.EndsWith("#token=" + await manager.GetByLabel("把令牌填入其配置").InputValueAsync(), pairUrl); // and agents get the token
        await Expect(manager.Locator("#paired-qr svg")).ToBeVisibleAsync();
        await Expect(DeviceRow(manager, "k-east")).ToContainTextAsync("取号机");
        await Expect(DeviceRow(manager, "k-east")).ToContainTextAsync(SiloSite.Manager);
        await Expect(DeviceRow(manager, "k-east").Locator("td").Nth(3)).ToHaveTextAsync("从未");
        await SiloSite.ScreenshotAsync(manager, "manager-devices-1920x1080");

        // On the kiosk: open the link once; it keeps the token, drops it from the address bar and shows the start screen.
        var kiosk = await site.NewPageAsync(1080, 1920);
        await kiosk.GotoAsync(pairUrl);
        await Expect(kiosk).ToHaveURLAsync($"{site.BaseUrl}/kiosk/{SiloSite.Hall}");
        await Tile(kiosk, "综合受理").ClickAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(kiosk.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^A\\d{3}$"));
        Assert.DoesNotContain("token", kiosk.Url);
        // A reboot keeps it paired.
        await kiosk.GotoAsync($"/kiosk/{SiloSite.Hall}");
        await Expect(kiosk.Locator("h2")).ToHaveTextAsync("请选择要办理的业务");

        // The link is taken off the dashboard once used; the list now says when the kiosk was last heard of.
        await manager.GetByRole(AriaRole.Button, new() { Name = "已完成配对，隐藏链接" }).ClickAsync();
        await Expect(manager.Locator("#paired")).ToBeHiddenAsync();
        await manager.ReloadAsync();
        await Expect(DeviceRow(manager, "k-east").Locator("td").Nth(3)).Not.ToHaveTextAsync("从未");
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task A_kiosk_revoked_in_the_dashboard_says_at_once_that_it_is_not_paired_and_takes_no_ticket()
    {
        var kiosk = await site.KioskAsync("k-west");
        var before = await site.Api.Waiting("tax");
        var manager = await site.SignInManagerAsync("#devices");
        await DeviceRow(manager, "k-west").GetByRole(AriaRole.Button, new() { Name = "撤销" }).ClickAsync();
        var confirm = manager.GetByRole(AriaRole.Dialog, new() { Name = "撤销设备" });
        await Expect(confirm).ToContainTextAsync("撤销取号机 k-west？");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "撤销", Exact = true }).ClickAsync();
        await Expect(manager.Locator("#devices-status")).ToHaveTextAsync("已撤销取号机 k-west");
        await Expect(DeviceRow(manager, "k-west")).ToHaveCountAsync(0);

        // The revocation cuts the kiosk's hub connection; it asks why at once instead of offering numbers it cannot give.
        await Expect(kiosk.Locator("h2")).ToHaveTextAsync("本机尚未配对，请联系大厅管理员");
        await Expect(kiosk.Locator(".unpaired")).ToContainTextAsync("本机的配对已被撤销");
        await Expect(kiosk.Locator("button.tile")).ToHaveCountAsync(0);
        await Expect(kiosk.GetByRole(AriaRole.Button, new() { Name = "呼叫帮办" })).ToBeHiddenAsync();
        Assert.Equal(before, await site.Api.Waiting("tax"));
        await kiosk.ReloadAsync(); // and stays so
        await Expect(kiosk.Locator("h2")).ToHaveTextAsync("本机尚未配对，请联系大厅管理员");
        await SiloSite.ScreenshotAsync(kiosk, "kiosk-not-paired-1080x1920");
    }

    [Fact]
    public async Task Pairing_links_open_each_device_s_own_page_and_a_bad_or_missing_one_says_so()
    {
        async Task<IPage> OpenAsync(string kind, string name)
        {
            var (_, _, answer) = await site.Api.PairOk(kind, name);
            var page = await site.NewPageAsync(1280, 720);
            await page.GotoAsync(answer.GetProperty("pairUrl").GetString()!);
            return page;
        }

        var tv = await OpenAsync("tv", "大厅东侧综合屏");
        await Expect(tv).ToHaveURLAsync($"{site.BaseUrl}/tv/{SiloSite.Hall}");
        await Expect(tv.Locator("#hall-name")).ToHaveTextAsync("宣恩县市民之家");

        var screen = await OpenAsync("window-screen", "7");
        await Expect(screen).ToHaveURLAsync($"{site.BaseUrl}/window/{SiloSite.Hall}/7");
        await Expect(screen.Locator("#window-name")).ToHaveTextAsync("7号综合窗口");

        var other = await OpenAsync("window-screen", "东侧窗口屏"); // no window of that name: the installer chooses
        await other.GetByRole(AriaRole.Link, new() { Name = "3号综合窗口", Exact = true }).ClickAsync();
        await Expect(other).ToHaveURLAsync($"{site.BaseUrl}/window/{SiloSite.Hall}/3");

        var agent = await OpenAsync("print-agent", "k1");
        await Expect(agent.Locator("main")).ToContainTextAsync("本机已配对为打印代理 k1");
        await Expect(agent.GetByLabel("设备令牌")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\w+\.\S+$"));
        Assert.Equal($"{site.BaseUrl}/pair/{SiloSite.Hall}", agent.Url); // the token is out of the address bar
        await SiloSite.ScreenshotAsync(agent, "pair-print-agent-1280x720");

        var bad = await site.NewPageAsync(1280, 720);
        await bad.GotoAsync($"/pair/{SiloSite.Hall}#token=0123456789ab.not-a-secret");
        await Expect(bad.Locator("main")).ToContainTextAsync("配对链接无效或已被撤销");

        var unpaired = await site.NewPageAsync(1080, 1920);
        await unpaired.GotoAsync($"/kiosk/{SiloSite.Hall}");
        await Expect(unpaired.Locator("h2")).ToHaveTextAsync("本机尚未配对，请联系大厅管理员");
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task The_audit_view_lists_who_did_what_or_says_the_silo_cannot_yet()
    {
        await site.Api.OpenWindow(11);
        await site.Api.TakeOk(new { categoryCode = "general" });
        var called = (await site.Api.ActOk(11, "call-next")).TicketNumber();
        var manager = await site.SignInManagerAsync("#audit");
        var status = manager.Locator("#audit-status");

        // GET …/manage/audit lands with its own change; until then the view says plainly that this silo has none.
        using var probe = await site.Api.GetAsync($"/api/halls/{SiloSite.Hall}/manage/audit");
        if (probe.StatusCode == HttpStatusCode.NotFound)
        {
            await Expect(status).ToHaveTextAsync("本服务器尚不支持操作记录查询（需要更新大厅服务器）");
            return;
        }
        await Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^共 \d+ 条记录$"));
        var row = manager.Locator("#audit tr").Filter(new() { HasText = called }).Filter(new() { HasText = "叫号" });
        await Expect(row).ToContainTextAsync("admin");
        await SiloSite.ScreenshotAsync(manager, "manager-audit-1920x1080");

        await manager.GetByLabel("操作人").FillAsync(SiloSite.Manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(manager.Locator("#audit")).Not.ToContainTextAsync(called);
    }
}
