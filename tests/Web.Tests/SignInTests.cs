using System.Collections.Concurrent;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>Signing in to the staff pages (窗口叫号, 大厅管理): refusals said in Chinese, lockout, signing out, a session
/// that ends mid-work, and accounts of other halls. Each test has its own account and window.</summary>
public sealed class SignInTests(SiloSite site) : IClassFixture<SiloSite>
{
    static ILocator Gate(IPage page) => page.GetByRole(AriaRole.Dialog, new() { Name = "窗口叫号 · 工作人员登录" });

    [Fact]
    public async Task Wrong_passwords_say_how_many_tries_are_left_and_the_fifth_locks_the_account_for_15_minutes()
    {
        await site.EnsureUserAsync("c31", "clerk");
        var page = await site.NewPageAsync(1920, 1080);
        await page.GotoAsync($"/clerk/{SiloSite.Hall}");
        await Expect(Gate(page)).ToBeVisibleAsync();
        await Expect(page.GetByLabel("用户名/工号")).ToBeFocusedAsync();
        await SiloSite.ScreenshotAsync(page, "clerk-sign-in-1920x1080");
        var said = Gate(page).Locator("status-line");

        for (var left = 4; left >= 1; left--)
        {
            Assert.Equal(401, (await SiloSite.SignInAsync(page, "c31", "not-the-password")).Status);
            await Expect(said).ToHaveTextAsync($"用户名或密码错误（再错 {left} 次账号将锁定 15 分钟）");
        }
        Assert.Equal(423, (await SiloSite.SignInAsync(page, "c31", "not-the-password")).Status);
        await Expect(said).ToHaveTextAsync("密码错误次数过多，账号已锁定，请 15 分钟后再试或请管理员重置密码");
        // Locked means locked: the right password now waits too, and the console stays shut.
        Assert.Equal(423, (await SiloSite.SignInAsync(page, "c31")).Status);
        await Expect(said).ToContainTextAsync("账号已锁定");
        await Expect(page.Locator("#choose")).ToBeHiddenAsync();
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task Signing_out_closes_the_window_and_returns_to_the_sign_in_form()
    {
        var page = await site.SignInClerkAsync(3, "c03");
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Expect(Gate(page)).ToContainTextAsync("已退出登录");
        await Expect(page.Locator("#console")).ToBeHiddenAsync();
        Assert.Equal("closed", (await site.Api.WindowOk(3)).GetProperty("state").GetString());

        // The session is over on the silo too, not only on the page.
        await page.ReloadAsync();
        await Expect(Gate(page)).ToBeVisibleAsync();
        Assert.Equal(401, await page.EvaluateAsync<int>("() => fetch('/api/auth/me').then(r => r.status)"));
    }

    [Fact]
    public async Task A_session_ended_mid_work_asks_to_sign_in_again_and_continues_on_the_same_page()
    {
        var page = await site.SignInClerkAsync(4, "c04");
        // The console's connection light says when it went offline, so the wait below is for it coming back, not before it left.
        await page.EvaluateAsync("""
            () => {
              window.sameDocument = true;
              new MutationObserver(() => { if (document.querySelector('conn-status').getAttribute('state') !== 'online') window.wentOffline = true; })
                .observe(document.querySelector('conn-status'), { attributes: true });
            }
            """);
        await site.Api.PostOk("/api/admin/users/c04/disable", new { });
        // Disabling cuts the console's live connection at once; it joins again as nobody, and its next command finds out.
        await page.WaitForFunctionAsync("() => window.wentOffline === true", null, new() { Timeout = 15_000 });
        await Expect(page.Locator("conn-status")).ToHaveAttributeAsync("state", "online", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-cmd=pause]")).ToBeEnabledAsync();

        await page.Keyboard.PressAsync("1");
        await Expect(Gate(page)).ToContainTextAsync("登录已失效");
        await Expect(page.GetByLabel("用户名/工号")).ToHaveValueAsync("c04");
        Assert.Equal(401, (await SiloSite.SignInAsync(page, "c04")).Status); // disabled: refused like a wrong password
        await Expect(Gate(page).Locator("status-line")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^用户名或密码错误（再错 [1-4] 次"));

        await site.Api.PostOk("/api/admin/users/c04/enable", new { });
        Assert.Equal(200, (await SiloSite.SignInAsync(page, "c04")).Status);
        await Expect(Gate(page)).ToBeHiddenAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync("4号综合窗口 · 工号 c04");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page was reloaded");
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#status")).ToHaveTextAsync("当前没有可叫的号：暂无群众等候");
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task A_clerk_whose_window_was_given_to_another_hears_why_in_chinese_and_chooses_again()
    {
        await site.EnsureUserAsync("c06", "clerk");
        var page = await site.NewPageAsync(1920, 1080);
        // A network that stops passing the hub's messages on: the console will not hear the window change hands.
        var heard = new ConcurrentDictionary<IWebSocketRoute, int>(); // messages passed on, per connection
        var stalled = new ConcurrentDictionary<IWebSocketRoute, bool>();
        await page.RouteWebSocketAsync("**/hubs/hall**", ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(f => server.Send(f.Text!)); // SignalR's JSON protocol: text frames only
            server.OnMessage(f =>
            {
                if (stalled.ContainsKey(ws)) return;
                ws.Send(f.Text!);
                heard.AddOrUpdate(ws, 1, (_, n) => n + 1);
            });
        });
        await page.GotoAsync($"/clerk/{SiloSite.Hall}");
        await SiloSite.SignInAsync(page, "c06");
        await page.GetByLabel("窗口", new() { Exact = true }).SelectOptionAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "签到并开放窗口" }).ClickAsync();
        await Expect(page.Locator("[data-cmd=pause]")).ToBeEnabledAsync();
        // Once the console is connected as window 6 (its handshake passed on), that connection stalls.
        await Wait.Until(() => heard.Any(h => h.Key.Url.Contains("role=window")), TimeSpan.FromSeconds(10), "the console's window feed",
            () => string.Join("\n", heard.Select(h => $"{h.Key.Url}: {h.Value}")));
        stalled[heard.Keys.First(ws => ws.Url.Contains("role=window"))] = true;

        await site.Api.ActOk(6, "close");
        await site.Api.ActOk(6, "open", new { clerkId = "c99" });
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#choose")).ToBeVisibleAsync();
        await Expect(page.Locator("#choose-status")).ToHaveTextAsync("6 号窗口由 c99 登录，只有该工作人员或大厅管理员才能在此操作");
        await Expect(page.Locator("#window-no option[value='6']")).ToContainTextAsync("c99"); // heard afresh
        Assert.Equal("c99", (await site.Api.WindowOk(6)).GetProperty("clerkId").GetString());
    }

    [Fact]
    public async Task A_clerk_of_another_hall_is_shown_the_halls_of_the_account_and_no_dashboard()
    {
        await site.EnsureUserAsync("c41", "clerk", "enshi");
        var page = await site.NewPageAsync(1920, 1080);
        await page.GotoAsync($"/clerk/{SiloSite.Hall}");
        await SiloSite.SignInAsync(page, "c41");
        await Expect(page.Locator("#no-access")).ToContainTextAsync("账号 c41（窗口工作人员）不属于本大厅");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "恩施州政务服务中心" })).ToHaveAttributeAsync("href", "/clerk/enshi");
        await Expect(page.Locator("#choose")).ToBeHiddenAsync();

        // Signed in already, the manager dashboard says this account may not manage the hall, and shows nothing of it.
        await page.GotoAsync($"/manager/{SiloSite.Hall}");
        await Expect(page.Locator("#no-access")).ToContainTextAsync("账号 c41（窗口工作人员）不能管理本大厅");
        await Expect(page.Locator("#view-overview")).ToBeHiddenAsync();
        Assert.Empty(site.PageErrors);
    }
}
