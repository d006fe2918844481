using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>
/// The TV read from 8 m in a full hall (all 27 windows of 宣恩 open), the window screen at the sizes window screens come
/// in, both checked by axe; its own silo, since it opens every window and stops the silo once.
/// </summary>
public sealed class ScreenReadabilityTests(SiloSite site) : IClassFixture<SiloSite>
{
    /// <summary>What a waiting resident must read on the TV: the call, recent calls, each window and waiting counts.</summary>
    static readonly string[] MustRead =
        ["#latest .number", "#latest .where", "#latest .where small", "#recent li", "#windows .wname", "#windows .wnum", "#queues li", "#queues b"];

    static bool _hallFull;

    /// <summary>Every window open; all but the 出件 ones called (the widest tiles), 19 paused; recent calls to spare; a
    /// notice scrolling at the bottom (the least room the rest gets).</summary>
    async Task FillHallAsync()
    {
        if (_hallFull) return;
        _hallFull = true;
        for (var no = 1; no <= 27; no++) await site.Api.OpenWindow(no);
        foreach (var (category, windows) in new[] { ("general", Enumerable.Range(1, 18)), ("police", [22, 23]), ("tax", [24, 25]), ("estate", [26, 27]) })
            foreach (var no in windows)
                if ((await site.Api.WindowOk(no)).GetProperty("current").ValueKind != System.Text.Json.JsonValueKind.Object)
                {
                    await site.Api.TakeOk(new { categoryCode = category });
                    await site.Api.ActOk(no, "call-next");
                }
        await site.Api.ActOk(19, "pause");
        for (var i = 0; i < 3; i++) await site.Api.TakeOk(new { categoryCode = "general" });
        await site.Api.PostOk($"/api/halls/{SiloSite.Hall}/manage/notice", new { text = "本中心中午不打烊，12:00–14:00 照常办理。" });
    }

    async Task<IPage> TvAsync(int width, int height)
    {
        var tv = await site.NewPageAsync(width, height);
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await Expect(tv.Locator("#windows li")).ToHaveCountAsync(27);
        await Expect(tv.Locator("#latest .number")).ToBeVisibleAsync();
        return tv;
    }

    [Theory]
    [InlineData(1920, 1080, 56)]
    [InlineData(3840, 2160, 112)]
    public async Task Everything_a_resident_reads_is_56px_at_1080p_scaled_with_the_screen_and_27_windows_fit(int width, int height, int minPx)
    {
        await FillHallAsync();
        var tv = await TvAsync(width, height);
        await SiloSite.ScreenshotAsync(tv, $"tv-27-windows-{width}x{height}");

        var sizes = await tv.EvaluateAsync<Dictionary<string, double>>("""
            selectors => Object.fromEntries(selectors.map(s => [s, Math.min(...[...document.querySelectorAll(s)]
              .filter(e => e.getClientRects().length > 0).map(e => parseFloat(getComputedStyle(e).fontSize)))]))
            """, MustRead);
        Assert.All(MustRead, s => Assert.True(sizes[s] >= minPx, $"{s} is {sizes[s]} px at {width}x{height}, under {minPx}"));

        // 27 tiles, each wholly on screen, none cut (its text wider than its box), none over another part of the page.
        var clipped = await tv.EvaluateAsync<string[]>("""
            () => { const area = document.querySelector('.windows').getBoundingClientRect();
              return [...document.querySelectorAll('#windows li')].filter(li => { const r = li.getBoundingClientRect();
                return li.scrollWidth > li.clientWidth || r.top < area.top || r.bottom > area.bottom + 0.5
                    || r.left < area.left || r.right > area.right + 0.5 || r.bottom > innerHeight; }).map(li => li.textContent.trim()); }
            """);
        Assert.True(clipped.Length == 0, "cut or off screen: " + string.Join(", ", clipped));
        Assert.True(await tv.EvaluateAsync<bool>("() => { const p = document.getElementById('latest'); return p.scrollHeight <= p.clientHeight; }"),
            "the current call is cut at the bottom of its panel");
        await Expect(tv.Locator("#notice")).ToContainTextAsync("中午不打烊");
        await SiloSite.AssertFitsAsync(tv);

        // The recent calls fill their panel: whole lines only, and no room left for another line.
        var recent = await tv.EvaluateAsync<double[]>("""
            () => { const ol = document.getElementById('recent'), items = [...ol.children], box = ol.getBoundingClientRect();
              const last = items.at(-1).getBoundingClientRect();
              return [items.length, box.bottom - last.bottom, last.height, ol.scrollHeight - ol.clientHeight]; }
            """);
        Assert.True(recent[0] >= 4, $"only {recent[0]} recent calls shown");
        Assert.True(recent[1] < recent[2], $"{recent[1]:0} px left below the recent calls: room for another");
        Assert.True(recent[3] <= 1, "a recent call is cut off at the panel's bottom");
    }

    [Fact]
    public async Task Tv_and_window_screen_pass_axe_idle_and_while_a_call_flashes()
    {
        await FillHallAsync();
        var tv = await TvAsync(1920, 1080);
        await SiloSite.AssertAccessibleAsync(tv);
        var idle = await site.NewPageAsync(1280, 720);
        await idle.GotoAsync($"/window/{SiloSite.Hall}/20");
        await Expect(idle.Locator("#body")).ToHaveTextAsync("欢迎光临，请留意叫号");
        await SiloSite.AssertAccessibleAsync(idle);
        var window = await site.NewPageAsync(1280, 720);
        await window.GotoAsync($"/window/{SiloSite.Hall}/1");
        await Expect(window.Locator(".call")).ToContainTextAsync("到本窗口办理");

        // A recall flashes both: the captions, the number and the words keep their contrast on the red.
        await site.Api.ActOk(1, "recall");
        await Expect(tv.Locator("#latest")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        await Expect(window.Locator("#screen")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        await SiloSite.AssertAccessibleAsync(tv);
        await SiloSite.AssertAccessibleAsync(window);
    }

    [Fact]
    public async Task The_offline_banner_leaves_the_call_wholly_on_screen()
    {
        await FillHallAsync();
        var tv = await TvAsync(1920, 1080);
        var number = await tv.Locator("#latest .number").TextContentAsync();
        site.StopSilo();
        try
        {
            await Expect(tv.Locator("conn-status")).ToHaveTextAsync("网络中断，正在重新连接…", new() { Timeout = 15_000 });
            var (call, banner, panel) = (await Box(tv, "#latest .number"), await Box(tv, "conn-status"), await Box(tv, "#latest"));
            Assert.True(call.Y >= panel.Y && call.Y + call.Height <= panel.Y + panel.Height, $"the call {call} sticks out of its panel {panel}");
            Assert.True(call.Y >= banner.Y + banner.Height, $"the banner {banner} covers the call {call}");
            Assert.True(call.Y + call.Height <= 1080, $"the call {call} is below the screen");
            await Expect(tv.Locator("#latest .number")).ToHaveTextAsync(number!);
            await SiloSite.AssertFitsAsync(tv);
            await SiloSite.AssertAccessibleAsync(tv);
        }
        finally { await site.StartSiloAsync(); }
    }

    static async Task<LocatorBoundingBoxResult> Box(IPage page, string selector) =>
        await page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not shown");

    [Theory]
    [InlineData(1280, 720)]
    [InlineData(1024, 600)]
    [InlineData(800, 480)]
    [InlineData(1920, 480)]
    public async Task The_window_screen_says_the_call_in_one_line(int width, int height)
    {
        await site.Api.OpenWindow(3);
        var page = await site.NewPageAsync(width, height);
        await page.GotoAsync($"/window/{SiloSite.Hall}/3");
        await Expect(page.Locator("#window-name")).ToHaveTextAsync("3号综合窗口");
        var current = (await site.Api.WindowOk(3)).GetProperty("current");
        var number = current.ValueKind == System.Text.Json.JsonValueKind.Object ? current.GetProperty("number").GetString()!
            : await CallAsync(3);
        await Expect(page.Locator(".call")).ToHaveTextAsync($"请 {number} 号 到本窗口办理");

        // One line: 请 and 办理 sit beside the number, not above or below it, and nothing is cut at the sides.
        var (call, first, last) = (await Box(page, ".call .number"), await Box(page, ".call span:first-child"), await Box(page, ".call span:last-child"));
        foreach (var part in new[] { first, last })
            Assert.True(part.Y >= call.Y - 1 && part.Y + part.Height <= call.Y + call.Height + 1, $"{part} is not on the number's line {call}");
        var line = await Box(page, ".call");
        Assert.True(line.X >= 0 && line.X + line.Width <= width, $"the sentence {line} is wider than the {width} px screen");
        await SiloSite.AssertFitsAsync(page);
        await SiloSite.AssertAccessibleAsync(page);
        await SiloSite.ScreenshotAsync(page, $"window-call-{width}x{height}");
    }

    async Task<string> CallAsync(int windowNo)
    {
        await site.Api.TakeOk(new { categoryCode = "general" });
        return (await site.Api.ActOk(windowNo, "call-next")).TicketNumber();
    }
}
