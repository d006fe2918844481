using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>取号机, each a kiosk paired through the API whose pairing link was opened on it. No window is opened in
/// this class, so every estimate reads 暂无窗口开放.</summary>
public sealed class KioskTests(SiloSite site) : IClassFixture<SiloSite>
{
    const string TicketsUrl = "**/api/halls/xuanen/tickets";

    Task<IPage> KioskAsync(int width = 1080, int height = 1920) => site.KioskAsync("k1", width, height);

    static ILocator Tile(IPage page, string text) => page.Locator("button.tile").Filter(new() { HasText = text });

    [Fact]
    public async Task Start_screen_shows_bundles_categories_green_channel_and_appointment_in_both_orientations()
    {
        foreach (var (w, h, name) in new[] { (1080, 1920, "kiosk-portrait-1080x1920"), (1920, 1080, "kiosk-landscape-1920x1080") })
        {
            var page = await KioskAsync(w, h);
            await Expect(Tile(page, "身后一件事")).ToBeVisibleAsync();
            // The bundle's own name, not 一件事 · 身后一件事; and 出件 is a later step, never where one starts.
            await Expect(page.Locator("main")).Not.ToContainTextAsync("一件事 · 身后一件事");
            await Expect(page.Locator("button.tile[data-action=category]").Filter(new() { HasText = "出件" })).ToHaveCountAsync(0);
            await Expect(Tile(page, "新生儿出生一件事")).ToBeVisibleAsync();
            await Expect(Tile(page, "综合受理")).ToContainTextAsync("暂无窗口开放");
            await Expect(Tile(page, "绿色通道")).ToBeVisibleAsync();
            await Expect(Tile(page, "预约签到")).ToBeVisibleAsync();
            // Touch targets: every tile at least ~1.5 cm tall on a 1080-pixel-wide kiosk.
            var heights = await page.Locator("button.tile").EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().height)");
            Assert.All(heights, x => Assert.True(x >= 120, $"tile {x}px tall"));
            await SiloSite.ScreenshotAsync(page, name);
            await SiloSite.AssertFitsAsync(page);
            await AssertMainFitsAsync(page);
        }
    }

    [Fact]
    public async Task Elder_mode_is_one_tap_away_with_larger_type_and_fewer_choices_per_screen()
    {
        var page = await KioskAsync();
        var normal = await Tile(page, "综合受理").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e.querySelector('b')).fontSize)");
        await page.GetByRole(AriaRole.Button, new() { Name = "长辈模式" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出长辈模式" })).ToHaveAttributeAsync("aria-pressed", "true");
        var elder = await Tile(page, "综合受理").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e.querySelector('b')).fontSize)");
        Assert.True(elder > normal * 1.2, $"{elder}px vs {normal}px");
        await Expect(page.Locator("button.tile[data-action=category]")).ToHaveCountAsync(4);
        await SiloSite.ScreenshotAsync(page, "kiosk-elder-1080x1920");
        await SiloSite.AssertFitsAsync(page);
        await AssertMainFitsAsync(page);

        // The bundles are one tap further: a screen of their own.
        await Tile(page, "一件事 · 套餐办理").ClickAsync();
        await Expect(page.Locator("button.tile[data-action=bundle]")).ToHaveCountAsync(4);

        await page.SetViewportSizeAsync(1920, 1080);
        await page.GetByRole(AriaRole.Button, new() { Name = "返回" }).ClickAsync();
        await Expect(page.Locator("button.tile[data-action=category]")).Not.ToHaveCountAsync(0);
        await SiloSite.ScreenshotAsync(page, "kiosk-elder-1920x1080");
        await AssertMainFitsAsync(page);
    }

    /// <summary>The choosing area needs no scrolling either.</summary>
    static async Task AssertMainFitsAsync(IPage page)
    {
        var size = await page.Locator("main").EvaluateAsync<int[]>("m => [m.scrollHeight, m.clientHeight]");
        Assert.True(size[0] <= size[1], $"main scrolls: {size[0]}px of content in {size[1]}px");
    }

    [Fact]
    public async Task Bundle_gives_one_ticket_for_all_its_matters_and_its_route()
    {
        var page = await KioskAsync();
        await Tile(page, "身后一件事").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("户口注销");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认取号" }).ClickAsync();
        await Expect(page.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^A\\d{3}$"));
        await Expect(page.Locator(".ticket")).ToContainTextAsync("身后一件事");
        await Expect(page.Locator(".ticket")).ToContainTextAsync("第 1 步，共 2 步");
        await SiloSite.ScreenshotAsync(page, "kiosk-ticket-bundle-1080x1920");
        Assert.Empty(site.PageErrors);
    }

    /// <summary>Changes the ticket answer's fields (docs/api.md), as the hall's API gives them in other circumstances.</summary>
    static Task AnswerWithAsync(IPage page, Action<JsonNode> edit) =>
        page.RouteAsync(TicketsUrl, async route =>
        {
            var response = await route.FetchAsync();
            var json = JsonNode.Parse(await response.TextAsync())!;
            edit(json);
            await route.FulfillAsync(new() { Response = response, Body = json.ToJsonString() });
        });

    [Fact]
    public async Task A_ticket_of_two_steps_says_where_the_second_is_and_an_estimate_past_closing_says_so()
    {
        var page = await KioskAsync();
        // The route is the hall's own; a wait past closing needs an afternoon, so the answer is made to say so.
        await AnswerWithAsync(page, json => json["beyondClosing"] = true);
        await Tile(page, "新生儿出生一件事").ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("办理顺序：综合受理窗口 → 出件窗口");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认取号" }).ClickAsync();
        await Expect(page.Locator(".ticket .route")).ToHaveTextAsync("第 1 步，共 2 步 · 第 2 步到出件窗口");
        await Expect(page.Locator(".ticket .wait")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^前面还有 \d+ 人 · 超过今日办公时间$"));
    }

    [Fact]
    public async Task Matters_of_several_categories_make_one_ticket_that_walks_them_in_order()
    {
        var before = await site.Api.Waiting("general");
        var page = await KioskAsync();
        var sent = new List<string>();
        page.Request += (_, r) => { if (r.Method == "POST" && r.Url.EndsWith("/tickets")) sent.Add(r.PostData!); };
        await Tile(page, "综合受理").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "住院费用报销" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "加选其他业务" }).ClickAsync();
        // The choice so far stands while another category is opened.
        await Expect(page.Locator(".cart")).ToContainTextAsync("已选 1 项");
        await Expect(Tile(page, "综合受理")).ToContainTextAsync("已选 1 项");
        await Tile(page, "公安户政").ClickAsync();
        await page.Locator("button.tile[data-action=matter]").First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "取号（已选 2 项）" }).ClickAsync();
        await Expect(page.Locator(".steps li")).ToHaveCountAsync(2);
        await Expect(page.Locator(".steps li").Nth(0)).ToContainTextAsync("第 1 步 · 综合受理");
        await Expect(page.Locator(".steps li").Nth(1)).ToContainTextAsync("第 2 步 · 公安户政");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认取号" }).ClickAsync();
        await Expect(page.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^A\\d{3}$"));
        await Expect(page.Locator(".ticket .route")).ToContainTextAsync("第 1 步，共 2 步");
        await Expect(page.Locator(".ticket")).ToContainTextAsync("住院费用报销");
        var body = JsonNode.Parse(Assert.Single(sent))!;
        Assert.Equal(2, body["matterIds"]!.AsArray().Count);
        Assert.Equal(before + 1, await site.Api.Waiting("general"));
    }

    [Fact]
    public async Task A_kiosk_on_localhost_without_a_public_address_shows_no_QR_phones_cannot_open()
    {
        var page = await KioskAsync();
        await Tile(page, "税务").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(page.Locator(".ticket .number")).ToBeVisibleAsync();
        await Expect(page.Locator(".ticket qr-code")).ToHaveCountAsync(0);
        await Expect(page.Locator(".ticket .no-qr")).ToHaveTextAsync("请记下您的号码，留意大厅屏幕和语音叫号。");
    }

    [Fact]
    public async Task Offline_the_kiosk_says_at_once_that_no_number_can_be_taken_and_a_lost_ticket_is_taken_once_on_reconnection()
    {
        var before = await site.Api.Waiting("police");
        var page = await KioskAsync();
        await page.RouteAsync(TicketsUrl, route => route.AbortAsync("connectionfailed"));
        await Tile(page, "公安户政").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("取号没有成功");

        // The silo goes away and comes back: the error screen clears by itself, with the same ticket asked for once.
        site.StopSilo();
        await Expect(page.Locator("conn-status")).ToContainTextAsync("网络中断");
        await page.UnrouteAsync(TicketsUrl);
        await site.StartSiloAsync();
        await Expect(page.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^B\\d{3}$"), new() { Timeout = 30_000 });
        Assert.Equal(before + 1, await site.Api.Waiting("police"));

        // Offline on the start screen: said at once, without a tap; back online, the choices come back.
        await page.GetByRole(AriaRole.Button, new() { Name = "完成" }).ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("请选择要办理的业务");
        site.StopSilo();
        await Expect(page.Locator("h2")).ToHaveTextAsync("暂时无法取号");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("网络中断");
        await Expect(page.Locator("button.tile")).ToHaveCountAsync(0);
        await site.StartSiloAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("请选择要办理的业务", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task Elder_mode_speaks_the_prompt_of_each_screen()
    {
        var page = await KioskAsync();
        var played = new List<string>();
        // The clips the build makes from silo/voice/kiosk-prompts.txt: GET /voice lists them, GET /voice/{name} is one.
        var prompts = File.ReadAllLines(Path.Combine(SiloSite.RepoRoot, "silo", "voice", "kiosk-prompts.txt"))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(' ')[0]).ToArray();
        await page.RouteAsync("**/voice", route => route.FulfillAsync(new() { Json = prompts }));
        await page.RouteAsync("**/voice/*", async route =>
        {
            lock (played) played.Add(route.Request.Url.Split('/')[^1]);
            await route.FulfillAsync(new() { ContentType = "audio/wav", BodyBytes = SilentWav() });
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "长辈模式" }).ClickAsync();
        await Wait.Until(() => { lock (played) return played.Contains("kiosk-start"); }, TimeSpan.FromSeconds(10), "the start prompt");
        await Tile(page, "综合受理").ClickAsync();
        await Wait.Until(() => { lock (played) return played.Contains("kiosk-matters"); }, TimeSpan.FromSeconds(10), "the matters prompt");
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Wait.Until(() => { lock (played) return played.Contains("kiosk-ticket"); }, TimeSpan.FromSeconds(10), "the ticket prompt");
    }

    /// <summary>A tenth of a second of silence: 8 kHz, 8-bit mono PCM.</summary>
    static byte[] SilentWav()
    {
        const int samples = 800;
        using var ms = new MemoryStream();
        using var w = new BinaryWriter(ms);
        w.Write("RIFF"u8); w.Write(36 + samples); w.Write("WAVEfmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1);
        w.Write(8000); w.Write(8000); w.Write((short)1); w.Write((short)8); w.Write("data"u8); w.Write(samples);
        w.Write(Enumerable.Repeat((byte)128, samples).ToArray());
        return ms.ToArray();
    }

    [Fact]
    public async Task Green_channel_ticket_says_staff_may_check_eligibility()
    {
        var page = await KioskAsync();
        await Tile(page, "绿色通道").ClickAsync();
        await Tile(page, "老年人").ClickAsync();
        await Expect(page.Locator("h2")).ToContainTextAsync("绿色通道 · 老年人");
        await Tile(page, "综合受理").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "住院费用报销" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "取号（已选 1 项）" }).ClickAsync();
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "确认取号" }).ClickAsync(), r => r.Url.EndsWith("/tickets"));
        await Expect(page.Locator(".ticket")).ToContainTextAsync("工作人员可能核验资格");
        // The hall has every window closed: the estimate says so instead of a number (not 预计等候 暂无窗口开放).
        await Expect(page.Locator(".ticket .wait")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^前面还有 \d+ 人 · 暂无窗口开放$"));
        var id = (await answer.JsonAsync())!.Value.GetProperty("id").GetString()!;
        var ticket = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/tickets/{id}");
        Assert.Equal("green", ticket.GetProperty("priority").GetString());
        Assert.Equal("elderly", ticket.GetProperty("greenReason").GetString());
    }

    [Fact]
    public async Task Appointment_code_checks_in()
    {
        var now = DateTimeOffset.Now;
        var booked = await site.Api.PostOk($"/api/halls/{SiloSite.Hall}/manage/appointments",
            new { categoryCode = "estate", slotStart = now.AddMinutes(-5), slotEnd = now.AddMinutes(55) });
        var code = booked.GetProperty("code").GetString()!;

        var page = await KioskAsync();
        await Tile(page, "预约签到").ClickAsync();
        await page.GetByLabel("请输入预约码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "签到取号" }).ClickAsync();
        await Expect(page.Locator(".ticket")).ToContainTextAsync("预约已签到");
        await Expect(page.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^D\\d{3}$"));

        // The same code again is refused, and the kiosk says why in Chinese.
        await page.GetByRole(AriaRole.Button, new() { Name = "完成" }).ClickAsync();
        await Tile(page, "预约签到").ClickAsync();
        await page.GetByLabel("请输入预约码").FillAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h2")).ToHaveTextAsync("取号没有成功");
        await Expect(page.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
    }

    [Fact]
    public async Task Lost_answers_and_retries_make_exactly_one_ticket()
    {
        var before = await site.Api.Waiting("police");
        var page = await KioskAsync();
        var keys = new List<string>();
        var lose = 4; // the first answer is lost after the silo acted; the 3 automatic retries fail outright
        await page.RouteAsync(TicketsUrl, async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (lose-- == 4) { await route.FetchAsync(); await route.AbortAsync("connectionreset"); }
            else if (lose >= 0) await route.AbortAsync("connectionfailed");
            else await route.ContinueAsync();
        });
        await Tile(page, "公安户政").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("取号没有成功");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("不会重复取号");
        await page.GetByRole(AriaRole.Button, new() { Name = "重试" }).ClickAsync();
        await Expect(page.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^B\\d{3}$"));

        Assert.Equal(5, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.Equal(before + 1, await site.Api.Waiting("police"));
    }

    [Fact]
    public async Task Double_tap_sends_one_request()
    {
        var before = await site.Api.Waiting("tax");
        var page = await KioskAsync();
        var requests = 0;
        // A slow network: the answer is held back so the second tap lands while the first is in flight.
        await page.RouteAsync(TicketsUrl, async route => { requests++; await Task.Delay(400); await route.ContinueAsync(); });
        await Tile(page, "税务").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).DblClickAsync(new() { Force = true });
        await Expect(page.Locator(".ticket .number")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^C\\d{3}$"));
        Assert.Equal(1, requests);
        Assert.Equal(before + 1, await site.Api.Waiting("tax"));
    }

    /// <summary>Adds a print report to the ticket answer, as the silo's printing does (print: { jobId, status, message }).</summary>
    static Task ReportPrintAsync(IPage page, string status, string message) =>
        page.RouteAsync(TicketsUrl, async route =>
        {
            var response = await route.FetchAsync();
            var json = JsonNode.Parse(await response.TextAsync())!;
            json["print"] = new JsonObject { ["jobId"] = "job1", ["status"] = status, ["message"] = message };
            await route.FulfillAsync(new() { Response = response, Body = json.ToJsonString() });
        });

    [Fact]
    public async Task Printer_failure_is_said_plainly_and_the_number_stays()
    {
        var page = await KioskAsync();
        await ReportPrintAsync(page, "failed", "打印机缺纸");
        await Tile(page, "综合受理").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(page.Locator(".print")).ToHaveTextAsync("打印失败（打印机缺纸）：请记下您的号码，或用手机扫码查看，不影响叫号。");
        await Expect(page.Locator(".ticket .number")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_print_under_way_is_followed_until_the_printer_answers()
    {
        var page = await KioskAsync();
        await ReportPrintAsync(page, "queued", "等待打印");
        var polls = 0;
        await page.RouteAsync("**/api/halls/xuanen/print-jobs/job1", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = ++polls < 2 ? """{"jobId":"job1","status":"sent","message":"正在打印"}""" : """{"jobId":"job1","status":"printed","message":"已打印"}""",
        }));
        await Tile(page, "综合受理").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(page.Locator(".print")).ToHaveTextAsync("正在打印号票…");
        await Expect(page.Locator(".print")).ToHaveTextAsync("号票已打印，请取走。");
        Assert.True(polls >= 2);
    }

    [Fact]
    public async Task A_kiosk_whose_printer_never_answers_says_so_and_keeps_the_number()
    {
        var page = await site.KioskAsync("k9", before: p => p.Clock.InstallAsync()); // no printer or agent for k9
        await Tile(page, "不动产登记").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "不确定事项，直接取号" }).ClickAsync();
        await Expect(page.Locator(".ticket .number")).ToBeVisibleAsync();
        await page.Clock.FastForwardAsync("00:25");
        await Expect(page.Locator(".print")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(打印失败|打印机没有回应).*请记下您的号码"));
        await Expect(page.Locator(".print")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("failed"));
        await Expect(page.Locator(".ticket .number")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Idle_kiosk_returns_to_the_start_screen_after_30_seconds()
    {
        var page = await site.KioskAsync("k1", before: p => p.Clock.InstallAsync());
        await Tile(page, "综合受理").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "长辈模式" }).ClickAsync();
        await Expect(page.Locator("h2")).ToContainTextAsync("请选择事项");
        await page.Clock.FastForwardAsync("00:20");
        await Expect(page.Locator("h2")).ToContainTextAsync("请选择事项");
        await page.Clock.FastForwardAsync("00:11");
        await Expect(page.Locator("h2")).ToHaveTextAsync("请选择要办理的业务");
        await Expect(page.Locator("html")).Not.ToHaveClassAsync("elder");
    }

    [Fact]
    public async Task Help_button_raises_an_alert_for_the_managers()
    {
        var page = await KioskAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "呼叫帮办" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("已通知工作人员");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "呼叫帮办" })).ToBeDisabledAsync();
        var alerts = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/manage/alerts");
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "help" && a.GetProperty("source").GetString() == "k1");
    }
}
