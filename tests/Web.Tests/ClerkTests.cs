using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>窗口叫号. Each test uses its own window and category.</summary>
public sealed class ClerkTests(SiloSite site) : IClassFixture<SiloSite>
{
    async Task<string[]> IssueAsync(string category, int count)
    {
        var numbers = new string[count];
        for (var i = 0; i < count; i++) numbers[i] = (await site.Api.TakeOk(new { categoryCode = category })).GetProperty("number").GetString()!;
        return numbers;
    }

    [Fact]
    public async Task Keyboard_drives_call_recall_start_park_no_show_complete_resume_transfer_and_pause()
    {
        var n = await IssueAsync("police", 3);
        var page = await site.SignInClerkAsync(22, "c22");
        var status = page.Locator("#status");
        var current = page.Locator("#current");

        // Each press waits for the console's answer: buttons stay disabled while a command is in flight.
        async Task Press(string key, string said)
        {
            await page.Keyboard.PressAsync(key);
            await Expect(status).ToHaveTextAsync(said);
        }

        await Press("1", $"已叫号 {n[0]}，请等候群众入座");
        await Expect(current.Locator(".timer")).ToHaveTextAsync(new Regex(@"^\d+:\d\d$"));
        await Press("2", $"已重呼 {n[0]}");
        await Press("3", $"开始办理 {n[0]}");
        await Expect(current.Locator(".ticket-status")).ToHaveTextAsync("办理中");
        await Press("7", $"{n[0]} 已挂起，群众取件后可恢复");
        await Expect(current).ToContainTextAsync($"挂起中：{n[0]}");

        await Press("1", $"已叫号 {n[1]}，请等候群众入座");
        await Press("5", $"{n[1]} 已过号");

        await Press("1", $"已叫号 {n[2]}，请等候群众入座");
        await Press("3", $"开始办理 {n[2]}");
        await Press("4", $"已办结 {n[2]}");
        await Expect(page.Locator("#served")).ToHaveTextAsync("1");

        await Press("8", $"已恢复 {n[0]}，继续办理");
        await Expect(current.Locator(".number")).ToHaveTextAsync(n[0]);

        await page.Keyboard.PressAsync("6");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("出件").CheckAsync();
        await dialog.GetByLabel("原因").FillAsync("材料齐全，转出件");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认转移" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"{n[0]} 已转到出件");
        await Expect(current).ToContainTextAsync("空闲");

        await Press("9", "窗口已暂停服务");
        await Expect(page.Locator("[data-cmd=call-next]")).ToBeDisabledAsync();
        await Press("9", "窗口已恢复服务");

        await page.GetByRole(AriaRole.Button, new() { Name = "签退" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "签到上岗" })).ToBeVisibleAsync();
        Assert.Equal("closed", (await site.Api.WindowOk(22)).GetProperty("state").GetString());
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task Complete_needs_no_start_and_complete_and_call_next_is_one_button()
    {
        var n = await IssueAsync("general", 3);
        var page = await site.SignInClerkAsync(7, "c07");
        var status = page.Locator("#status");
        await page.Keyboard.PressAsync("1");
        await Expect(status).ToHaveTextAsync($"已叫号 {n[0]}，请等候群众入座");
        // 办结 straight from 已叫号: a quick matter needs no 开始办理.
        await page.Locator("[data-cmd=complete]").ClickAsync();
        await Expect(status).ToHaveTextAsync($"已办结 {n[0]}");

        await page.Keyboard.PressAsync("1");
        await Expect(status).ToHaveTextAsync($"已叫号 {n[1]}，请等候群众入座");
        await page.GetByRole(AriaRole.Button, new() { Name = "办结并叫下一位" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"已办结 {n[1]}，已叫号 {n[2]}，请等候群众入座");
        await Expect(page.Locator("#current .number")).ToHaveTextAsync(n[2]);
        await page.Keyboard.PressAsync("0");   // the same by its key; nobody left to call
        await Expect(status).ToHaveTextAsync($"已办结 {n[2]}，暂无群众等候");
        await Expect(page.Locator("#current")).ToContainTextAsync("空闲");
        await Expect(page.Locator("#served")).ToHaveTextAsync("3");
        Assert.Equal(3, (await site.Api.WindowOk(7)).GetProperty("servedToday").GetInt32());

        await SiloSite.AssertButtonsInViewAsync(page);
        await SiloSite.AssertAccessibleAsync(page);
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task Transfer_dialog_preselects_no_category_and_asks_for_one()
    {
        var n = await IssueAsync("estate", 1);
        var page = await site.SignInClerkAsync(27, "c27");
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#current .number")).ToHaveTextAsync(n[0]);
        // The number can show (from the hub) before the call's own answer frees the keys: press 6 once 转移 is ready.
        await Expect(page.Locator("[data-cmd=transfer]")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("6");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Radio)).ToHaveCountAsync(5);
        await Expect(dialog.Locator("input[type=radio]:checked")).ToHaveCountAsync(0);
        await Expect(dialog.GetByLabel("不动产登记（当前）")).ToBeVisibleAsync();
        await SiloSite.AssertAccessibleAsync(page);

        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认转移" }).ClickAsync();
        await Expect(dialog.Locator("#transfer-status")).ToHaveTextAsync("请选择要转到的业务类别，或指定窗口");
        await Expect(dialog).ToBeVisibleAsync();
        Assert.Equal(n[0], (await site.Api.WindowOk(27)).GetProperty("current").GetProperty("number").GetString());

        await dialog.GetByLabel("出件").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认转移" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync($"{n[0]} 已转到出件");
    }

    [Fact]
    public async Task A_no_show_who_comes_back_is_reinstated_from_the_console()
    {
        var n = await IssueAsync("police", 2);
        var page = await site.SignInClerkAsync(23, "c23");
        var status = page.Locator("#status");
        await page.Keyboard.PressAsync("1");
        await Expect(status).ToHaveTextAsync($"已叫号 {n[0]}，请等候群众入座");
        await page.Keyboard.PressAsync("5");
        await Expect(status).ToHaveTextAsync($"{n[0]} 已过号");
        Assert.Equal(1, await site.Api.Waiting("police"));

        // The number the console just marked 过号 is offered; typing it works the same.
        await Expect(page.Locator($"#no-shows option[value=\"{n[0]}\"]")).ToHaveCountAsync(1);
        await page.GetByLabel("群众回来了").FillAsync(n[0].ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "恢复排队" }).ClickAsync();
        await Expect(status).ToHaveTextAsync($"{n[0]} 已恢复排队，排在队伍前面");
        Assert.Equal(2, await site.Api.Waiting("police"));
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#current .number")).ToHaveTextAsync(n[0]);   // near the head: called before n[1]

        await page.GetByLabel("群众回来了").FillAsync("B999");
        await page.GetByRole(AriaRole.Button, new() { Name = "恢复排队" }).ClickAsync();
        await Expect(status).ToHaveAttributeAsync("data-kind", "error");
        await Expect(status).ToContainTextAsync("操作未成功");
    }

    [Fact]
    public async Task Offline_every_button_waits_and_a_stale_error_clears_once_the_silo_is_back()
    {
        await IssueAsync("tax", 1);
        var page = await site.SignInClerkAsync(25, "c25");
        var call = page.Locator("[data-cmd=call-next]");
        // The network drops as the clerk presses 叫号: the console says it did not happen.
        await page.RouteAsync("**/windows/25/call-next", route => route.AbortAsync());
        await call.ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("操作未成功：网络连接中断，请稍后再试");
        await page.UnrouteAsync("**/windows/25/call-next");

        site.StopSilo();
        await Expect(page.Locator("conn-status")).ToHaveTextAsync("网络中断，正在重新连接…");
        foreach (var b in await page.Locator("[data-cmd], [data-needs-hub]").AllAsync()) await Expect(b).ToBeDisabledAsync();

        await site.StartSiloAsync();
        await Expect(page.Locator("conn-status")).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(call).ToBeEnabledAsync();
        await Expect(page.Locator("#status")).ToBeEmptyAsync();
        await call.ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("已叫号 C");
    }

    [Fact]
    public async Task Double_click_acts_once_and_buttons_wait_for_the_answer()
    {
        var n = await IssueAsync("tax", 2);
        var page = await site.SignInClerkAsync(24, "c24");
        var calls = new List<string>();
        await page.RouteAsync("**/windows/24/call-next", async route =>
        {
            calls.Add(route.Request.Headers["idempotency-key"]);
            await Task.Delay(500);   // a slow network: the answer is held back so the second click lands meanwhile
            await route.ContinueAsync();
        });
        var call = page.Locator("[data-cmd=call-next]");
        await call.DblClickAsync();
        await Expect(page.Locator("[data-cmd=complete]")).ToBeDisabledAsync();
        await Expect(current(page)).ToHaveTextAsync(n[0]);
        Assert.Single(calls);
        Assert.Equal(1, await site.Api.Waiting("tax"));
        await Expect(call).ToBeDisabledAsync(); // busy with n[0] now: no second call until it is done

        static ILocator current(IPage p) => p.Locator("#current .number");
    }

    [Fact]
    public async Task Empty_queue_and_refusals_are_explained_in_chinese()
    {
        var page = await site.SignInClerkAsync(26, "c26");
        await Expect(page.Locator("[data-cmd=call-next]")).ToBeEnabledAsync(); // as a clerk sees it ready, on a busy machine too
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#status")).ToHaveTextAsync("当前没有可叫的号：暂无群众等候");

        // Signing out while a resident is called is refused; the console says why.
        await IssueAsync("estate", 1);
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#status")).ToContainTextAsync("已叫号");
        await page.GetByRole(AriaRole.Button, new() { Name = "签退" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveAttributeAsync("data-kind", "error");
        await Expect(page.Locator("#status")).ToContainTextAsync("操作未成功");
        Assert.Equal("open", (await site.Api.WindowOk(26)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Window_choice_lists_every_window_and_the_work_number_is_the_account_s()
    {
        await site.EnsureUserAsync("c19", "clerk");
        var page = await site.NewPageAsync(1920, 1080);
        await page.GotoAsync($"/clerk/{SiloSite.Hall}?window=19");
        await SiloSite.SignInAsync(page, "c19");
        await Expect(page.GetByLabel("窗口", new() { Exact = true })).ToHaveValueAsync("19");
        await Expect(page.Locator("#window-no option")).ToHaveCountAsync(27);
        await Expect(page.Locator("#choose")).ToContainTextAsync("以工号 c19 上岗");
        await Expect(page.Locator("#who")).ToHaveTextAsync("工号 c19");
        await Expect(page.Locator("#choose").GetByRole(AriaRole.Textbox)).ToHaveCountAsync(0); // no 工号 to type
        await SiloSite.ScreenshotAsync(page, "clerk-choose-window-1920x1080");
    }
}
