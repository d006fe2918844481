using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>A silo whose 宣恩 hall reminds clerks after seconds instead of minutes, so a test can wait for it.</summary>
public sealed class QuickRemindersSite : SiloSite
{
    private readonly string _seeds = Directory.CreateTempSubdirectory("queue-seeds-").FullName;

    public QuickRemindersSite()
    {
        foreach (var file in Directory.GetFiles(SiloProcess.SeedsFolder, "*.hall.json"))
        {
            var hall = JsonNode.Parse(File.ReadAllText(file))!;
            if ((string?)hall["id"] == Hall) (hall["recallReminderSeconds"], hall["noShowOfferSeconds"]) = (5, 9);
            File.WriteAllText(Path.Combine(_seeds, Path.GetFileName(file)), hall.ToJsonString());
        }
    }

    protected override string[] SiloArgs => [$"--Halls:Seeds={_seeds}"];
}

public sealed class ClerkReminderTests(QuickRemindersSite site) : IClassFixture<QuickRemindersSite>
{
    [Fact]
    public async Task A_called_resident_who_does_not_come_is_pointed_out_first_for_recall_then_for_no_show()
    {
        var number = (await site.Api.TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString();
        var page = await site.SignInClerkAsync(5, "c05");
        await Expect(page.Locator("[data-cmd=call-next]")).ToBeEnabledAsync();
        await page.Keyboard.PressAsync("1");
        await Expect(page.Locator("#status")).ToContainTextAsync($"已叫号 {number}");
        var reminder = page.Locator("#reminder");
        await Expect(reminder).ToBeHiddenAsync();

        await Expect(reminder).ToContainTextAsync($"{number} 叫号后", new() { Timeout = 15_000 });
        await Expect(reminder).ToContainTextAsync("重呼");
        await Expect(page.Locator("[data-cmd=recall]")).ToHaveClassAsync(new Regex(@"\bsuggested\b"));

        await page.Keyboard.PressAsync("2");                                    // 重呼: the resident is called again
        await Expect(page.Locator("#status")).ToContainTextAsync($"已重呼 {number}");
        await Expect(reminder).ToContainTextAsync("过号", new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-cmd=no-show]")).ToHaveClassAsync(new Regex(@"\bsuggested\b"));
        await Expect(page.Locator("[data-cmd=recall]")).Not.ToHaveClassAsync(new Regex(@"\bsuggested\b"));

        await page.Keyboard.PressAsync("5");                                    // 过号: the reminder has done its job
        await Expect(page.Locator("#status")).ToContainTextAsync($"{number} 已过号");
        await Expect(reminder).ToBeHiddenAsync();
        Assert.Empty(site.PageErrors);
    }
}
