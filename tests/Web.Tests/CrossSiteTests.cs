using Queue.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>A page of another site, open in a browser on the hall network, tries to change the hall.</summary>
public sealed class CrossSiteTests(SiloSite site) : IClassFixture<SiloSite>
{
    [Fact]
    public async Task A_page_on_another_origin_in_a_signed_in_clerk_s_browser_changes_nothing()
    {
        var ticket = (await site.Api.TakeOk(new { categoryCode = "general" })).GetProperty("id").GetString();
        var clerk = await site.SignInClerkAsync(1, "c01");
        await using var other = await OtherSite();
        // The same browser as the clerk's console (its cookie jar), on a page of another site.
        var page = await clerk.Context.NewPageAsync();
        await page.GotoAsync(other.Urls.First());

        // no-cors with credentials: the kind of request a browser sends anywhere without asking, as a form post would.
        foreach (var path in new[] { $"/api/halls/{SiloSite.Hall}/tickets/{ticket}/cancel", $"/api/halls/{SiloSite.Hall}/windows/1/call-next",
                     "/api/auth/sign-out" })
        {
            var answer = await page.RunAndWaitForResponseAsync(
                () => page.EvaluateAsync("url => fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include' })", site.BaseUrl + path),
                r => r.Url.EndsWith(path));
            Assert.Equal(403, answer.Status);
        }

        Assert.Equal("waiting", (await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/tickets/{ticket}")).GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await site.Api.WindowOk(1)).GetProperty("current").ValueKind);
        // Nor was the clerk signed out: the console still works.
        await clerk.Keyboard.PressAsync("1");
        await Expect(clerk.Locator("#status")).ToContainTextAsync("已叫号");
        Assert.Empty(site.PageErrors);
    }

    /// <summary>A tiny Kestrel on another loopback address: a different origin and a different site.</summary>
    static async Task<WebApplication> OtherSite()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.2:0");
        var app = builder.Build();
        app.MapGet("/", () => Results.Content("<!doctype html><html lang=\"zh-CN\"><title>别的网站</title><p>别的网站</p></html>", "text/html; charset=utf-8"));
        await app.StartAsync();
        return app;
    }
}
