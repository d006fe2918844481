using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>
/// The publish folder started as a hall's server starts it: from another working directory, with its own defaults
/// (the sample halls in the folder), and with no network but its own loopback (a network namespace of its own,
/// reached through a unix socket that socat bridges to a free port here): nothing at start may need a registry.
/// </summary>
public sealed class PublishedSite : SiloSite, IAsyncLifetime   // re-implemented for its DisposeAsync, which also removes its folder
{
    readonly string _elsewhere = Directory.CreateTempSubdirectory("queue-cwd-").FullName;
    string Socket => Path.Combine(_elsewhere, "silo.sock");

    protected override async Task<SiloProcess> NewSiloAsync()
    {
        var publish = await SiloPublish.FolderAsync();
        var port = FreePort.Next();
        // socat stays outside, the silo goes into a namespace whose only interface is lo (brought up for Orleans).
        var bridge = $"socat TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:{Socket} & " +
                     "exec unshare --net --map-root-user sh -c 'ip link set lo up && exec \"$0\" \"$@\"' \"$@\"";
        return new SiloProcess(port: port)
        {
            SiloDll = Path.Combine(publish, "Queue.Silo.dll"), WorkingDirectory = _elsewhere, Seeds = "seeds",
            Launcher = ["sh", "-c", bridge, "sh"], Arguments = SignInLimit,
        };
    }

    protected override string[] SiloArgs => ["--urls", $"http://unix:{Socket}"];

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_elsewhere, recursive: true);
    }

    /// <summary>The network interfaces the silo process sees.</summary>
    public IReadOnlyList<string> SiloInterfaces() =>
        [.. File.ReadLines($"/proc/{SiloPid}/net/dev").Skip(2).Select(l => l.Split(':')[0].Trim())];
}

public sealed class PublishTests(PublishedSite site) : IClassFixture<PublishedSite>
{
    [Fact]
    public async Task The_publish_serves_the_kiosk_tv_and_window_pages_their_scripts_and_voice_clips_with_no_network()
    {
        Assert.Equal(["lo"], site.SiloInterfaces());
        await site.Api.OpenWindow(1);
        var number = (await site.Api.TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString()!;

        var kiosk = await OpenAsync($"/kiosk/{SiloSite.Hall}", 1080, 1920);
        // Its scripts ran: they drew its first screen (which one depends on pairing, not on the publish).
        await Expect(kiosk.Page.Locator("#screen h2")).ToBeVisibleAsync();
        var tv = await OpenAsync($"/tv/{SiloSite.Hall}", 1920, 1080);
        var window = await OpenAsync($"/window/{SiloSite.Hall}/1", 1280, 720);
        await Expect(window.Page.Locator("#window-name")).ToHaveTextAsync("1号综合窗口");

        // The hub works through the publish's signalr.js: a call reaches both screens.
        await site.Api.ActOk(1, "call-next");
        await Expect(tv.Page.Locator("#latest .number")).ToHaveTextAsync(number);
        await Expect(window.Page.Locator("#body")).ToContainTextAsync(number);

        foreach (var page in new[] { kiosk, tv, window })
        {
            Assert.Empty(page.Failures);
            Assert.Contains(page.Scripts, url => url.EndsWith("/lib/signalr.js"));
        }
        Assert.Contains(kiosk.Scripts, url => url.EndsWith("/lib/qrcode.js"));
        Assert.Contains(tv.Scripts, url => url.EndsWith("/displays/tv/index.js"));

        // The voice clips the build made are in the publish, and served: every name the TV may ask for.
        var clips = (await site.Api.GetOk("/voice")).EnumerateArray().Select(c => c.GetString()).ToArray();
        Assert.Superset(new HashSet<string?>(["qing", "hao", "dao", "chuangkou", "banli", "shi", "bai", "0", "9", "A", "Z"]), clips.ToHashSet());
        using var qing = await site.Api.GetAsync("/voice/qing");
        Assert.Equal(System.Net.HttpStatusCode.OK, qing.StatusCode);
        Assert.Equal("audio/wav", qing.Content.Headers.ContentType?.MediaType);
        Assert.True((await qing.Content.ReadAsByteArrayAsync()).Length > 4000, "qing.wav holds no spoken word");
    }

    sealed record Opened(string Path, IPage Page, List<string> Scripts, List<string> Failures);

    /// <summary>A page with every script it loaded, and every failure: an answer of 400 or more, a console error, or a
    /// request that would leave the silo (to a CDN, say), which is refused.</summary>
    async Task<Opened> OpenAsync(string path, int width, int height)
    {
        var page = await site.NewPageAsync(width, height);
        var opened = new Opened(path, page, [], []);
        page.Response += (_, r) =>
        {
            lock (opened) if (r.Status >= 400) opened.Failures.Add($"{r.Status} {r.Url}");
                          else if (r.Request.ResourceType == "script") opened.Scripts.Add(r.Url);
        };
        page.Console += (_, m) => { if (m.Type == "error") lock (opened) opened.Failures.Add($"console: {m.Text}"); };
        await page.RouteAsync("**/*", route =>
        {
            if (route.Request.Url.StartsWith(site.BaseUrl)) return route.ContinueAsync();
            lock (opened) opened.Failures.Add($"outside the silo: {route.Request.Url}");
            return route.AbortAsync();
        });
        await page.GotoAsync(path);
        return opened;
    }
}
