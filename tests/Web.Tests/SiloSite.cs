using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Queue.Tests.Support;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // two cores: one silo and one browser at a time

namespace Queue.Web.Tests;

/// <summary>
/// One real silo process (seed halls, a fresh temp event store, opening hours ignored) and one
/// Debian Chromium per test class. Never downloads a browser: Playwright drives /usr/bin/chromium
/// (or $CHROMIUM_PATH).
/// </summary>
public sealed class SiloSite : IAsyncLifetime
{
    public const string Hall = "xuanen";
    static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    public static string RepoRoot => SiloProcess.RepoRoot;
    readonly SiloProcess _silo = new();
    readonly List<IBrowserContext> _contexts = [];
    IPlaywright? _playwright;

    public int Port => _silo.Port;
    public string BaseUrl => _silo.Url;
    public HttpClient Api { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>Uncaught script errors and CSP refusals of every page opened here; tests assert it stays empty.</summary>
    public List<string> PageErrors { get; } = [];

    public async Task InitializeAsync()
    {
        var signalr = Path.Combine(RepoRoot, "silo", "node_modules", "@microsoft", "signalr", "dist", "browser", "signalr.min.js");
        if (!File.Exists(signalr))
            throw new InvalidOperationException("The browser libraries are missing: run `npm ci` in silo/ first (see README).");
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(10) };
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
        await _silo.DisposeAsync();
        Api?.Dispose();
        // An uncaught script error in any page of the class fails it, even where no test asked.
        if (PageErrors.Count > 0) throw new InvalidOperationException("Script errors in the pages:\n" + string.Join("\n", PageErrors));
    }

    /// <summary>Starts (or restarts, on the same port and event store) the silo and waits for /healthz.</summary>
    public Task StartSiloAsync() => _silo.StartAsync();

    /// <summary>Kills the silo, as a crash or a pulled plug would.</summary>
    public void StopSilo() => _silo.Kill();

    // ---------- pages ----------

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

    // ---------- API shortcuts for arranging a test ----------

    public async Task<JsonElement> GetAsync(string path)
    {
        using var res = await Api.GetAsync(path);
        res.EnsureSuccessStatusCode();
        return await res.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostAsync(string path, object body, string? key = null)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        req.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        using var res = await Api.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        if (!res.IsSuccessStatusCode) throw new HttpRequestException($"{path}: {(int)res.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> HallAsync() => GetAsync($"/api/halls/{Hall}");
    public Task<JsonElement> IssueAsync(object body) => PostAsync($"/api/halls/{Hall}/tickets", body);
    public Task<JsonElement> WindowAsync(int no, string action, object? body = null) =>
        PostAsync($"/api/halls/{Hall}/windows/{no}/{action}", body ?? new { });

    public async Task<int> WaitingAsync(string category) =>
        (await HallAsync()).GetProperty("categories").EnumerateArray()
            .First(c => c.GetProperty("code").GetString() == category).GetProperty("waiting").GetInt32();

    public async Task<JsonElement> WindowStateAsync(int no) =>
        (await HallAsync()).GetProperty("windows").EnumerateArray().First(w => w.GetProperty("no").GetInt32() == no);

    public string Log => _silo.Output;
}
