using System.Text.Json;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>The TV (综合屏), the window screen (窗口屏), the window's evaluator (评价器) and the phone page's fallbacks.</summary>
public sealed class DisplayTests(SiloSite site) : IClassFixture<SiloSite>
{
    /// <summary>Clicks 点击启用叫号声音 when the browser wants a click before sound.</summary>
    internal static async Task EnableSoundAsync(IPage tv)
    {
        await tv.WaitForTimeoutAsync(1200); // the button shows after a second if needed
        var button = tv.Locator("#sound");
        if (await button.IsVisibleAsync()) await button.ClickAsync();
        await Expect(button).ToBeHiddenAsync();
    }

    sealed record Announced(string Number, int WindowNo, string Via, string State, int Plays, double? StartedAt, double? EndedAt);

    static async Task<Announced[]> HistoryAsync(IPage tv) =>
        JsonSerializer.Deserialize<Announced[]>(await tv.EvaluateAsync<string>("() => JSON.stringify(hallAnnouncer.history)"),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    async Task<string> CallAsync(int windowNo, string category)
    {
        await site.Api.TakeOk(new { categoryCode = category });
        return (await site.Api.ActOk(windowNo, "call-next")).TicketNumber();
    }

    [Fact]
    public async Task Calls_are_announced_twice_in_order_never_overlapping_from_the_silos_own_clips()
    {
        var tv = await site.NewPageAsync(1920, 1080);
        var clips = new List<IResponse>();
        tv.Response += (_, r) => { if (new Uri(r.Url).AbsolutePath.StartsWith("/voice/")) lock (clips) clips.Add(r); };
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await EnableSoundAsync(tv);
        await site.Api.OpenWindow(12);
        await site.Api.OpenWindow(13);
        var first = await CallAsync(12, "general");
        var second = await CallAsync(13, "general");

        await tv.WaitForFunctionAsync("() => hallAnnouncer.history.length === 2 && hallAnnouncer.history.every(h => h.state === 'done')",
            null, new() { Timeout = 45_000 }); // two calls said twice, in real time
        var h = await HistoryAsync(tv);
        Assert.Equal([$"{first}@12", $"{second}@13"], h.Select(x => $"{x.Number}@{x.WindowNo}"));
        Assert.All(h, x => { Assert.Equal("clips", x.Via); Assert.Equal(2, x.Plays); });
        Assert.True(h[1].StartedAt >= h[0].EndedAt, "the second call started before the first ended");

        // The page's own requests: every clip of 请 A0xx 号 到 十二 号 窗口 办理 (and 十三), each real audio.
        string[] said = ["qing", .. Spelled(first), .. Spelled(second), "hao", "dao", "shi", "2", "3", "chuangkou", "banli"];
        IResponse[] fetched;
        lock (clips) fetched = [.. clips];
        Assert.Superset(said.ToHashSet(), fetched.Select(r => new Uri(r.Url).AbsolutePath["/voice/".Length..]).ToHashSet());
        foreach (var clip in fetched)
        {
            Assert.Equal(200, clip.Status);
            Assert.StartsWith("audio/", clip.Headers["content-type"]);
            Assert.True((await clip.BodyAsync()).Length > 4000, $"{clip.Url} is {(await clip.BodyAsync()).Length} bytes: no spoken word");
        }
        await Expect(tv.Locator("#latest .number")).ToHaveTextAsync(second);
        await Expect(tv.Locator("#recent")).ToContainTextAsync(first);
    }

    /// <summary>A ticket number's clips: its letters and digits, one by one.</summary>
    static IEnumerable<string> Spelled(string number) => number.Select(c => c.ToString());

    [Fact]
    public async Task A_silo_without_clips_costs_no_requests_a_chime_plays_twice_and_the_screen_flashes()
    {
        var tv = await site.NewPageAsync(1920, 1080);
        var asked = new List<string>();
        // As a silo built without espeak-ng answers: no clip listed.
        await tv.RouteAsync("**/voice", route => route.FulfillAsync(new() { ContentType = "application/json", Body = "[]" }));
        tv.Request += (_, r) => { if (new Uri(r.Url).AbsolutePath.StartsWith("/voice/")) lock (asked) asked.Add(r.Url); };
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await EnableSoundAsync(tv);
        await site.Api.OpenWindow(14);
        var number = await CallAsync(14, "general");
        await Expect(tv.Locator("#latest")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        await Expect(tv.Locator("#windows li", new() { HasText = "14号" })).ToContainTextAsync(number);   // the window, from the call's one frame
        await tv.WaitForFunctionAsync("() => hallAnnouncer.history.at(-1)?.state === 'done'", null, new() { Timeout = 10_000 });
        var last = (await HistoryAsync(tv))[^1];
        Assert.Equal((number, "chime", 2), (last.Number, last.Via, last.Plays));
        Assert.Empty(asked);
    }

    [Fact]
    public async Task Tv_at_4k_shows_calls_windows_queues_and_notice_and_fits()
    {
        foreach (var no in new[] { 1, 2, 3, 4, 5, 6, 19, 22, 24 }) await site.Api.OpenWindow(no);
        for (var i = 0; i < 6; i++) await site.Api.TakeOk(new { categoryCode = "general" });
        await site.Api.TakeOk(new { categoryCode = "police" });
        await site.Api.TakeOk(new { categoryCode = "police" });
        foreach (var no in new[] { 1, 2, 3, 4, 22 }) await site.Api.ActOk(no, "call-next");
        await site.Api.ActOk(6, "pause");
        await site.Api.PostOk($"/api/halls/{SiloSite.Hall}/manage/notice", new { text = "本中心中午不打烊，12:00–14:00 照常办理。请取号后留意叫号，过号请到服务台。" });

        var tv = await site.NewPageAsync(3840, 2160);
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await Expect(tv.Locator("#windows")).ToContainTextAsync("暂停");
        await Expect(tv.Locator("#notice")).ToContainTextAsync("中午不打烊");
        Assert.True(await tv.Locator("#windows li").CountAsync() >= 9);
        Assert.True(await tv.Locator("#recent li b").CountAsync() >= 4); // at most 5 fit beside the newest call
        await SiloSite.AssertFitsAsync(tv);
        await SiloSite.ScreenshotAsync(tv, "tv-3840x2160");
        // Nothing public shows more than numbers: no resident data exists in what the TV receives.
        var state = await tv.EvaluateAsync<string>("() => document.body.innerText");
        Assert.DoesNotContain("c01", state);
    }

    [Fact]
    public async Task Window_screen_shows_its_number_and_says_paused()
    {
        await site.Api.OpenWindow(8);
        var page = await site.NewPageAsync(1280, 720);
        await page.GotoAsync($"/window/{SiloSite.Hall}/8");
        await Expect(page.Locator("#window-name")).ToHaveTextAsync("8号综合窗口");
        await Expect(page.Locator("#body")).ToHaveTextAsync("欢迎光临，请留意叫号");
        var number = await CallAsync(8, "general");   // the call is one frame: it brings the window with its number
        await Expect(page.Locator("#body")).ToHaveTextAsync($"请 {number} 号 到本窗口办理");
        await site.Api.ActOk(8, "complete");
        await Expect(page.Locator("#body")).ToHaveTextAsync("欢迎光临，请留意叫号");
        await site.Api.ActOk(8, "pause");
        await Expect(page.Locator("#body")).ToHaveTextAsync("暂停服务");
        await SiloSite.AssertFitsAsync(page);
        await SiloSite.ScreenshotAsync(page, "window-paused-1280x720");

        var closed = await site.NewPageAsync(1280, 720);
        await closed.GotoAsync($"/window/{SiloSite.Hall}/9");
        await Expect(closed.Locator("#body")).ToContainTextAsync("本窗口暂未开放");
    }

    [Fact]
    public async Task Phone_page_polls_when_the_hub_is_blocked_and_says_when_a_ticket_is_unknown()
    {
        var ticket = await site.Api.TakeOk(new { categoryCode = "estate" });
        var phone = await site.NewPageAsync(390, 844, isMobile: true);
        // A phone network that drops WebSockets: only the GET poll is left.
        await phone.RouteWebSocketAsync("**/hubs/hall**", ws => ws.CloseAsync());
        await phone.GotoAsync(ticket.GetProperty("statusUrl").GetString()!);
        await Expect(phone.Locator(".number")).ToHaveTextAsync(ticket.GetProperty("number").GetString()!);
        await Expect(phone.Locator(".facts")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"前面还有\s*0\s*人"));
        await site.Api.OpenWindow(26);
        await site.Api.ActOk(26, "call-next");
        await Expect(phone.Locator(".callout")).ToContainTextAsync("请到 26 号窗口", new() { Timeout = 15_000 });

        var unknown = await site.NewPageAsync(390, 844, isMobile: true);
        await unknown.GotoAsync($"/ticket/{SiloSite.Hall}/NoSuchTicket0000000000000");
        await Expect(unknown.Locator(".state")).ToHaveTextAsync("没有找到这张号票");
    }

    /// <summary>The evaluator facing window <paramref name="windowNo"/>, paired as a manager does and its link opened on a
    /// 1280×800 tablet: idle, naming its window; and its token. <paramref name="before"/> runs first (a fake clock).</summary>
    async Task<(IPage Page, string Token)> EvaluatorAsync(int windowNo, string windowName, Func<IPage, Task> before)
    {
        var (_, token, answer) = await site.Api.PairOk("evaluator", $"{windowNo}");
        var page = await site.NewPageAsync(1280, 800);
        await before(page);
        await page.GotoAsync(answer.GetProperty("pairUrl").GetString()!);
        await Expect(page).ToHaveURLAsync($"{site.BaseUrl}/evaluator/{SiloSite.Hall}/{windowNo}");
        await Expect(page.Locator(".idle .window")).ToHaveTextAsync(windowName);
        return (page, token);
    }

    [Fact]
    public async Task The_evaluator_lights_up_when_its_window_completes_a_service_takes_one_rating_and_goes_back_to_idle()
    {
        var (evaluator, token) = await EvaluatorAsync(25, "25号税务窗口", p => p.Clock.InstallAsync());
        var clips = new List<string>();
        evaluator.Request += (_, r) => { if (new Uri(r.Url).AbsolutePath.StartsWith("/voice/")) lock (clips) clips.Add(new Uri(r.Url).AbsolutePath[7..]); };
        var ask = evaluator.GetByRole(AriaRole.Heading, new() { Name = "请对本次服务作出评价" });
        await Expect(ask).ToHaveCountAsync(0);
        await site.Api.OpenWindow(25);
        var ticket = await site.Api.TakeOk(new { categoryCode = "tax" });
        var number = ticket.GetProperty("number").GetString()!;
        Assert.Equal(number, (await site.Api.ActOk(25, "call-next")).TicketNumber());
        await Expect(ask).ToHaveCountAsync(0);   // a call is no service yet
        await site.Api.ActOk(25, "complete");

        await Expect(ask).ToBeVisibleAsync();
        await Expect(evaluator.Locator(".served")).ToHaveTextAsync($"{number} · 税务 · 工号 c25");
        await Wait.Until(() => { lock (clips) return clips.Contains("evaluator-rate"); }, TimeSpan.FromSeconds(10), "请对本次服务作出评价 is said");
        await SiloSite.AssertButtonsInViewAsync(evaluator);
        await SiloSite.AssertAccessibleAsync(evaluator);
        await SiloSite.ScreenshotAsync(evaluator, "evaluator-ask-1280x800");
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "满意", Exact = true }).ClickAsync();
        await evaluator.GetByRole(AriaRole.Button, new() { Name = "业务熟练" }).ClickAsync();
        await evaluator.GetByLabel("其他意见（可不填）").FillAsync("讲解耐心");
        await Expect(evaluator.GetByRole(AriaRole.Button, new() { Name = "满意", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await SiloSite.AssertAccessibleAsync(evaluator);
        // The small 800×480 pad: the grades, the tags, the comment and the submit all on one screen.
        await evaluator.SetViewportSizeAsync(800, 480);
        await SiloSite.AssertButtonsInViewAsync(evaluator);
        await SiloSite.AssertFitsAsync(evaluator);
        await TextSizes.AssertNoneUnderAsync(evaluator, 16);
        await SiloSite.ScreenshotAsync(evaluator, "evaluator-rating-800x480");

        var posted = await evaluator.RunAndWaitForResponseAsync(
            () => evaluator.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync(), r => r.Url.EndsWith("/rating"));
        Assert.Equal(201, posted.Status);
        await Expect(evaluator.GetByRole(AriaRole.Heading, new() { Name = "感谢您的评价！" })).ToBeVisibleAsync();
        await evaluator.Clock.FastForwardAsync("00:07");
        await Expect(evaluator.Locator(".idle .window")).ToHaveTextAsync("25号税务窗口");

        // The step is rated, with what was chosen; a second rating of it is refused.
        var view = await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/tickets/{ticket.GetProperty("id").GetString()}");
        Assert.False(view.TryGetProperty("rateable", out _), $"still rateable: {view}");
        var rated = JsonDocument.Parse(await posted.TextAsync()).RootElement;   // the RatingView it was answered
        Assert.Equal((4, "业务熟练", "讲解耐心", "evaluator"), (rated.GetProperty("grade").GetInt32(), rated.GetProperty("tags")[0].GetString(),
            rated.GetProperty("comment").GetString(), rated.GetProperty("channel").GetString()));
        await HallApi.AssertProblem(await site.DeviceClient(token).Rate(ticket.GetProperty("id").GetString()!, new { grade = 1 }),
            System.Net.HttpStatusCode.Conflict, "already-rated");

        // Nobody rates the next service: after a minute the pad goes back to idle by itself.
        await site.Api.TakeOk(new { categoryCode = "tax" });
        await site.Api.ActOk(25, "call-next");
        await site.Api.ActOk(25, "complete");
        await Expect(ask).ToBeVisibleAsync();
        await evaluator.Clock.FastForwardAsync("01:01");
        await Expect(evaluator.Locator(".idle .window")).ToHaveTextAsync("25号税务窗口");
        await Expect(ask).ToHaveCountAsync(0);
        Assert.Empty(site.PageErrors);
    }
}
