using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>A silo set up as README says: its public address (Printing:PublicUrl) set, and in 恩施 a 限号 of one
/// number a day for 人民银行 (dailyLimit).</summary>
public sealed class PublicUrlSite : SiloSite
{
    public const string PublicUrl = "http://192.168.1.10:5000";
    public const string LimitedCategory = "bank";
    readonly string _seeds = Directory.CreateTempSubdirectory("queue-seeds-").FullName;

    public PublicUrlSite()
    {
        foreach (var file in Directory.GetFiles(SiloProcess.SeedsFolder, "*.hall.json"))
        {
            var hall = JsonNode.Parse(File.ReadAllText(file))!;
            foreach (var c in hall["categories"]!.AsArray())
                if ((string?)hall["id"] == "enshi" && (string?)c!["code"] == LimitedCategory) c["dailyLimit"] = 1;
            File.WriteAllText(Path.Combine(_seeds, Path.GetFileName(file)), hall.ToJsonString());
        }
    }

    protected override string[] SiloArgs => [$"--Printing:PublicUrl={PublicUrl}", $"--Halls:Seeds={_seeds}"];
}

/// <summary>
/// Every step of the kiosk at the three screens halls use, in normal and 长辈 mode, in 恩施州政务服务中心: the seed
/// with the most categories (19, of which 出件 is never a first step). Nobody can scroll a kiosk: every button is
/// on screen, and axe-core finds nothing serious.
/// </summary>
public sealed class KioskLayoutTests(PublicUrlSite site) : IClassFixture<PublicUrlSite>
{
    const string Hall = "enshi";

    async Task<IPage> EnshiKioskAsync(int width, int height)
    {
        var (_, _, answer) = await site.Api.PairOk("kiosk", $"layout-{width}x{height}-{Guid.NewGuid():N}"[..30], Hall);
        var page = await site.NewPageAsync(width, height);
        await page.GotoAsync(answer.GetProperty("pairUrl").GetString()!);
        await Expect(page.Locator("h2")).ToHaveTextAsync("请选择要办理的业务");
        return page;
    }

    static async Task CheckAsync(IPage page)
    {
        await SiloSite.AssertButtonsInViewAsync(page);
        await SiloSite.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task A_category_out_of_numbers_for_today_says_so_on_its_tile_and_cannot_be_tapped()
    {
        var page = await EnshiKioskAsync(1920, 1080);
        var tile = page.Locator("button.tile[data-action=category]").Filter(new() { HasText = "人民银行" });
        await Expect(tile).ToContainTextAsync("今日余 1 号");
        await site.Api.TakeOk(new { categoryCode = PublicUrlSite.LimitedCategory }, Hall);   // the day's last number
        await Expect(tile).ToContainTextAsync("今日号已取完");
        await Expect(tile).ToBeDisabledAsync();
        await SiloSite.AssertAccessibleAsync(page);
    }

    public static TheoryData<int, int, bool> Screens => new()
    {
        { 1080, 1920, false }, { 1920, 1080, false }, { 1280, 800, false },
        { 1080, 1920, true }, { 1920, 1080, true }, { 1280, 800, true },
    };

    [Theory, MemberData(nameof(Screens))]
    public async Task Every_button_of_every_step_is_on_screen(int width, int height, bool elder)
    {
        var page = await EnshiKioskAsync(width, height);
        var categories = page.Locator("button.tile[data-action=category]");
        if (elder) await page.GetByRole(AriaRole.Button, new() { Name = "长辈模式" }).ClickAsync();
        else if (height >= 1080)
        {
            // All 18 first-step categories on one page, and never 出件.
            await Expect(categories).ToHaveCountAsync(18);
            await Expect(page.Locator("nav.pager")).ToHaveCountAsync(0);
        }
        await Expect(categories.Filter(new() { HasText = "出件" })).ToHaveCountAsync(0);
        await CheckAsync(page);

        await categories.Filter(new() { HasText = "综合受理" }).ClickAsync();
        await Expect(page.Locator("h2")).ToContainTextAsync("请选择事项");
        await CheckAsync(page);
        await page.Locator("button.tile[data-action=matter]").First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "取号（已选 1 项）" })).ToBeVisibleAsync();
        await CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "取号（已选 1 项）" }).ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("请确认要办理的事项");
        await CheckAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "清空重选" }).ClickAsync();

        if (elder)
        {
            await page.Locator("button.tile[data-action=bundles]").ClickAsync();
            await CheckAsync(page);
        }
        await page.Locator("button.tile[data-action=bundle]").Filter(new() { HasText = "企业开办一件事" }).ClickAsync();
        await Expect(page.Locator("h2")).ToHaveTextAsync("企业开办一件事");
        await Expect(page.Locator("main")).ToContainTextAsync("出件窗口");
        await CheckAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "确认取号" }).ClickAsync();
        var qr = page.Locator(".ticket qr-code svg");
        await Expect(qr).ToBeVisibleAsync();
        await Expect(page.Locator(".ticket qr-code")).ToHaveAttributeAsync("value",
            new System.Text.RegularExpressions.Regex($"^{PublicUrlSite.PublicUrl}/ticket/{Hall}/\\w+$"));
        var box = (await qr.BoundingBoxAsync())!;
        Assert.True(box.Y >= 0 && box.Y + box.Height <= height && box.X + box.Width <= width, $"QR at {box.X},{box.Y} {box.Width}x{box.Height}");
        await CheckAsync(page);
        await SiloSite.ScreenshotAsync(page, $"kiosk-enshi-ticket-{(elder ? "elder-" : "")}{width}x{height}");
        Assert.Empty(site.PageErrors);
    }
}
