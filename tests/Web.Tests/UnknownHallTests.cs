using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>A mistyped hall id in any page's address: the silo answers 404 with a page that says so, not a page
/// that waits for a hall that never comes and then blames the network.</summary>
public sealed class UnknownHallTests(SiloSite site) : IClassFixture<SiloSite>
{
    [Theory]
    [InlineData("/kiosk/nosuch")]
    [InlineData("/tv/nosuch")]
    [InlineData("/clerk/nosuch")]
    [InlineData("/manager/nosuch")]
    [InlineData("/window/nosuch/1")]
    [InlineData("/evaluator/nosuch/1")]
    [InlineData("/pair/nosuch")]
    [InlineData("/book/nosuch")]
    [InlineData("/ticket/nosuch/q7rk3m")]
    public async Task A_page_of_a_hall_that_does_not_exist_says_so(string path)
    {
        var page = await site.NewPageAsync(1920, 1080);
        var response = (await page.GotoAsync(path))!;
        Assert.Equal(404, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"]);
        await Expect(page.Locator("h1")).ToHaveTextAsync("没有这个大厅");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("网络中断");
        // The halls there are, each a tap away on the same page.
        var kind = path.Split('/')[1];
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "宣恩县市民之家" })).ToHaveAttributeAsync("href",
            new System.Text.RegularExpressions.Regex($"^/{kind}/xuanen"));
        await SiloSite.AssertAccessibleAsync(page);
        Assert.Empty(site.PageErrors);
    }
}
