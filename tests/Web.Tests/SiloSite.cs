using Microsoft.Playwright;
using Queue.Tests.Support;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // two cores: one silo and one browser at a time

namespace Queue.Web.Tests;

/// <summary>
/// One real silo process (seed halls, a fresh temp event store, opening hours ignored) and one
/// Debian Chromium per test class. Never downloads a browser: Playwright drives /usr/bin/chromium
/// (or $CHROMIUM_PATH).
/// </summary>
public class SiloSite : IAsyncLifetime
{
    public const string Hall = "xuanen";
    static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    public static string RepoRoot => SiloProcess.RepoRoot;
    SiloProcess _silo = null!;
    readonly List<IBrowserContext> _contexts = [];
    IPlaywright? _playwright;

    public int Port => _silo.Port;
    /// <summary>The silo's process id, to look at what it sees (its network, say).</summary>
    public int SiloPid => _silo.Pid;
    public string BaseUrl => _silo.Url;
    /// <summary>The silo's REST API for arranging a test (HallApi's calls: TakeOk, ActOk, Waiting, …).</summary>
    public HttpClient Api { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>Uncaught script errors and CSP refusals of every page opened here; tests assert it stays empty.</summary>
    public List<string> PageErrors { get; } = [];

    public async Task InitializeAsync()
    {
        var signalr = Path.Combine(RepoRoot, "silo", "node_modules", "@microsoft", "signalr", "dist", "browser", "signalr.min.js");
        if (!File.Exists(signalr))
            throw new InvalidOperationException("The browser libraries are missing: run `npm ci` in silo/ first (see README).");
        _silo = await NewSiloAsync();
        Api = _silo.Client();
        await StartSiloAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _contexts) await c.DisposeAsync();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_silo is not null) await _silo.DisposeAsync();
        Api?.Dispose();
        // An uncaught script error in any page of the class fails it, even where no test asked.
        if (PageErrors.Count > 0) throw new InvalidOperationException("Script errors in the pages:\n" + string.Join("\n", PageErrors));
    }

    /// <summary>Starts (or restarts, on the same port and event store) the silo and waits for /healthz.</summary>
    public Task StartSiloAsync() => _silo.StartAsync(SiloArgs);

    /// <summary>The silo a site runs: the build in the repository, unless a site runs another (a publish, say).</summary>
    protected virtual Task<SiloProcess> NewSiloAsync() => Task.FromResult(new SiloProcess());

    /// <summary>Settings a site of its own gives its silo (e.g. another seeds folder).</summary>
    protected virtual string[] SiloArgs => [];

    /// <summary>Kills the silo, as a crash or a pulled plug would.</summary>
    public void StopSilo() => _silo.Kill();

    // ---------- pages ----------

    /// <summary>A clerk console signed in at a window, as a clerk does it: choose the window, type the 工号, sign in.</summary>
    public async Task<IPage> SignInClerkAsync(int windowNo, string clerkId)
    {
        var page = await NewPageAsync(1920, 1080);
        await page.GotoAsync($"/clerk/{Hall}");
        await page.GetByLabel("窗口", new() { Exact = true }).SelectOptionAsync(windowNo.ToString());
        await page.GetByLabel("工号").FillAsync(clerkId);
        await page.GetByRole(AriaRole.Button, new() { Name = "签到并开放窗口" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync($"工号 {clerkId}");
        // The console rejoins the hub as this window after signing in; a clerk starts once its buttons come alive.
        await Assertions.Expect(page.Locator("[data-cmd=pause]")).ToBeEnabledAsync();
        return page;
    }

    /// <summary>A fresh browser context (own storage) with one page of the given size.</summary>
    public async Task<IPage> NewPageAsync(int width, int height, bool isMobile = false)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN", TimezoneId = "Asia/Shanghai", IsMobile = isMobile, HasTouch = true,
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => { lock (PageErrors) PageErrors.Add($"{page.Url}: {e}"); };
        // The silo's Content-Security-Policy refusing something a page needs shows only in the console.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy")) lock (PageErrors) PageErrors.Add($"{page.Url}: {m.Text}");
        };
        page.SetDefaultTimeout(10_000);
        return page;
    }

    /// <summary>Saves docs/screenshots/{name}.png (committed: what each page looks like at its target size).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(RepoRoot, "docs", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png") });
    }

    /// <summary>Nothing scrolls sideways or below the screen (a kiosk or TV has no scrollbar to use).</summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var size = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]");
        Assert.True(size[0] <= size[2] && size[1] <= size[3], $"page is {size[0]}x{size[1]} in a {size[2]}x{size[3]} viewport");
    }

    public string Log => _silo.Output;
}
