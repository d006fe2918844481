using Queue.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Queue.Web.Tests;

/// <summary>A page of another site, open in a browser on the hall network, tries to change the hall.</summary>
public sealed class CrossSiteTests(SiloSite site) : IClassFixture<SiloSite>
{
    [Fact]
    public async Task A_page_on_another_origin_can_neither_cancel_a_ticket_nor_call_the_next_one()
    {
        var ticket = (await site.Api.TakeOk(new { categoryCode = "general" })).GetProperty("id").GetString();
        await site.Api.OpenWindow(1);
        await using var other = await OtherSite();
        var page = await site.NewPageAsync(1280, 720);
        await page.GotoAsync(other.Urls.First());

        // no-cors: the kind of request a browser sends anywhere without asking, as a form post would.
        foreach (var path in new[] { $"/api/halls/{SiloSite.Hall}/tickets/{ticket}/cancel", $"/api/halls/{SiloSite.Hall}/windows/1/call-next" })
        {
            var answer = await page.RunAndWaitForResponseAsync(
                () => page.EvaluateAsync("url => fetch(url, { method: 'POST', mode: 'no-cors' })", site.BaseUrl + path),
                r => r.Url.EndsWith(path));
            Assert.Equal(403, answer.Status);
        }

        Assert.Equal("waiting", (await site.Api.GetOk($"/api/halls/{SiloSite.Hall}/tickets/{ticket}")).GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await site.Api.WindowOk(1)).GetProperty("current").ValueKind);
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
