using System.Net;
using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>What every page of the hall shares: the silo's icon in the browser tab, and the device pairing page's accessibility.</summary>
public sealed class EveryPageTests(SiloSite site) : IClassFixture<SiloSite>
{
    [Fact]
    public async Task Favicon_ico_is_served_and_every_page_shows_it_without_a_404()
    {
        using var icon = await site.Api.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, (await icon.Content.ReadAsByteArrayAsync())[..4]);   // an ICO header

        var ticket = await site.Api.TakeOk(new { categoryCode = "general" });
        string[] pages = [$"/kiosk/{SiloSite.Hall}", $"/clerk/{SiloSite.Hall}", $"/manager/{SiloSite.Hall}", $"/tv/{SiloSite.Hall}",
            $"/window/{SiloSite.Hall}/5", $"/evaluator/{SiloSite.Hall}/5", ticket.GetProperty("statusUrl").GetString()!, $"/pair/{SiloSite.Hall}",
            $"/book/{SiloSite.Hall}", $"/take/{SiloSite.Hall}", $"/arrive/{SiloSite.Hall}?code=123456"];
        foreach (var path in pages)
        {
            var page = await site.NewPageAsync(1280, 800);
            await page.GotoAsync(path);
            // The browser asks /favicon.ico of every page that names no icon; the page's own policy lets it load.
            var width = await page.EvaluateAsync<int>("""
                () => new Promise(done => { const i = new Image(); i.onload = () => done(i.naturalWidth); i.onerror = () => done(0); i.src = '/favicon.ico'; })
                """);
            Assert.True(width >= 16, $"{path}: the icon did not load");
            await page.CloseAsync();
        }
        Assert.Empty(site.PageErrors);
    }

    [Fact]
    public async Task Pairing_page_has_no_serious_accessibility_fault_without_a_token_and_after_pairing_an_agent()
    {
        var page = await site.NewPageAsync(1280, 800);
        await page.GotoAsync($"/pair/{SiloSite.Hall}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "没有配对令牌" })).ToBeVisibleAsync();
        await SiloSite.AssertAccessibleAsync(page);

        var (_, _, answer) = await site.Api.PairOk("display-agent", "一楼 LED 控制机");
        page = await site.NewPageAsync(1280, 800);   // a fresh device: the same address with a token is no new page in the old one
        await page.GotoAsync(answer.GetProperty("pairUrl").GetString()!);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "配对成功" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("设备令牌")).ToHaveValueAsync(answer.GetProperty("token").GetString()!);
        await SiloSite.AssertAccessibleAsync(page);
        Assert.Empty(site.PageErrors);
    }
}
