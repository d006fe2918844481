using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // two cores: one silo and one browser at a time

namespace Queue.Web.Tests;

/// <summary>
/// One real silo process (seed halls, a fresh temp event store, opening hours ignored) and one
/// Debian Chromium per test class. Never downloads a browser: Playwright drives /usr/bin/chromium
/// (or $CHROMIUM_PATH). People sign in through the pages' own form with accounts an admin created
/// through the API; kiosks are paired through the API and open their pairing link, as an installer does.
/// </summary>
public class SiloSite : IAsyncLifetime
{
    public const string Hall = "xuanen";
    /// <summary>The hall's manager account (password <see cref="Staff.Password"/>).</summary>
    public const string Manager = "manager1";
    static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    public static string RepoRoot => SiloProcess.RepoRoot;
    SiloProcess _silo = null!;
    readonly List<IBrowserContext> _contexts = [];
    readonly HashSet<string> _users = [];
    readonly Dictionary<string, (string Token, string PairUrl)> _kiosks = [];
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
    protected virtual Task<SiloProcess> NewSiloAsync() => Task.FromResult(new SiloProcess { Arguments = SignInLimit });

    /// <summary>Every browser here signs in from 127.0.0.1, so the per-address sign-in limit (10 a minute, for a hall's
    /// counters each on their own address) would count the whole run as one counter. Silo.Tests test the limit itself.</summary>
    protected static readonly string[] SignInLimit = ["--RateLimits:sign-in:PermitLimit=1000"];

    /// <summary>Settings a site of its own gives its silo (e.g. another seeds folder).</summary>
    protected virtual string[] SiloArgs => [];

    /// <summary>Kills the silo, as a crash or a pulled plug would.</summary>
    public void StopSilo() => _silo.Kill();

    // ---------- pages ----------

    // ---------- people and devices ----------

    /// <summary>Creates the account once per silo through the admin API (password <see cref="Staff.Password"/>), in this hall unless told.</summary>
    public async Task EnsureUserAsync(string userName, string role, string hall = Hall)
    {
        if (_users.Add(userName)) await Api.CreateUserOk(userName, role, hall);
    }

    /// <summary>Fills the page's sign-in form and presses 登录, as a person does; the silo's answer to it.</summary>
    public static Task<IResponse> SignInAsync(IPage page, string userName, string password = Staff.Password) =>
        page.RunAndWaitForResponseAsync(async () =>
        {
            await page.GetByLabel("用户名/工号").FillAsync(userName);
            await page.GetByLabel("密码").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        }, r => r.Url.EndsWith("/api/auth/sign-in"));

    /// <summary>A clerk console signed in at a window, as a clerk does it: sign in with the account (an admin created it),
    /// choose the window, 签到并开放窗口. The 工号 is the account's user name.</summary>
    public async Task<IPage> SignInClerkAsync(int windowNo, string clerkId)
    {
        await EnsureUserAsync(clerkId, "clerk");
        var page = await NewPageAsync(1920, 1080);
        await page.GotoAsync($"/clerk/{Hall}");
        await SignInAsync(page, clerkId);
        await page.GetByLabel("窗口", new() { Exact = true }).SelectOptionAsync(windowNo.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "签到并开放窗口" }).ClickAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{windowNo}号.* · 工号 {clerkId}$"));
        // The console rejoins the hub as this window after signing in; a clerk starts once its buttons come alive.
        await Expect(page.Locator("[data-cmd=pause]")).ToBeEnabledAsync();
        return page;
    }

    /// <summary>The manager dashboard signed in as the hall's manager (<see cref="Manager"/>) through its form.</summary>
    public async Task<IPage> SignInManagerAsync(string view = "")
    {
        await EnsureUserAsync(Manager, "manager");
        var page = await NewPageAsync(1920, 1080);
        await page.GotoAsync($"/manager/{Hall}{view}");
        await SignInAsync(page, Manager);
        await Expect(page.Locator("#title")).ToHaveTextAsync("宣恩县市民之家 · 大厅管理");
        return page;
    }

    /// <summary>A kiosk paired once per silo (as a manager does, through the API): its token and pairing link.</summary>
    public async Task<(string Token, string PairUrl)> PairKioskAsync(string name)
    {
        if (!_kiosks.TryGetValue(name, out var kiosk))
        {
            var (_, token, answer) = await Api.PairOk("kiosk", name);
            _kiosks[name] = kiosk = (token, answer.GetProperty("pairUrl").GetString()!);
        }
        return kiosk;
    }

    /// <summary>
    /// A kiosk page as an installer leaves it: the pairing link of kiosk <paramref name="name"/> opened in a fresh
    /// browser, which keeps the token and goes on to the start screen. <paramref name="before"/> runs first (a fake clock).
    /// </summary>
    public async Task<IPage> KioskAsync(string name = "k1", int width = 1080, int height = 1920, Func<IPage, Task>? before = null)
    {
        var page = await NewPageAsync(width, height);
        if (before is not null) await before(page);
        await page.GotoAsync((await PairKioskAsync(name)).PairUrl);
        await Expect(page).ToHaveURLAsync($"{BaseUrl}/kiosk/{Hall}");
        await Expect(page.Locator("h2")).ToHaveTextAsync("请选择要办理的业务");
        return page;
    }

    /// <summary>An HttpClient speaking as a paired device (a kiosk calling for help, say).</summary>
    public HttpClient DeviceClient(string token) => _silo.DeviceClient(token);

    /// <summary>A fresh browser context (own storage) with one page of the given size (and a browser's own
    /// <paramref name="userAgent"/>, WeChat's say).</summary>
    public async Task<IPage> NewPageAsync(int width, int height, bool isMobile = false, string? userAgent = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl, ViewportSize = new() { Width = width, Height = height },
            Locale = "zh-CN", TimezoneId = "Asia/Shanghai", IsMobile = isMobile, HasTouch = true, UserAgent = userAgent,
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => { lock (PageErrors) PageErrors.Add($"{page.Url}: {e}"); };
        // The silo's Content-Security-Policy refusing something a page needs shows only in the console.
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy")) lock (PageErrors) PageErrors.Add($"{page.Url}: {m.Text}");
        };
        // A script, style, image, sound or font that is not there is a page bug, even where the page hides it.
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && r.Request.ResourceType is "script" or "stylesheet" or "image" or "media" or "font" or "manifest" or "other")
                lock (PageErrors) PageErrors.Add($"{page.Url}: {r.Status} for {r.Url}");
        };
        page.SetDefaultTimeout(10_000);
        return page;
    }

    /// <summary>axe-core (npm, silo/node_modules) run in the page as it stands: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not govern.
        await page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(RepoRoot, "silo", "node_modules", "axe-core", "axe.min.js")));
        var found = await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        Assert.True(found.Length == 0, $"{page.Url}:\n" + string.Join("\n", found));
    }

    /// <summary>Every visible button (and link styled as one) lies wholly inside the viewport: nobody at a kiosk or TV can scroll.</summary>
    public static async Task AssertButtonsInViewAsync(IPage page)
    {
        var outside = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('button, [role=button], a.button')]
              .filter(b => b.getClientRects().length > 0 && getComputedStyle(b).visibility !== 'hidden')
              .map(b => [b, b.getBoundingClientRect()])
              .filter(([, r]) => r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
              .map(([b, r]) => `${(b.textContent || b.getAttribute('aria-label') || b.id).trim().slice(0, 20)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`)
            """);
        var size = page.ViewportSize!;
        Assert.True(outside.Length == 0, $"{page.Url} at {size.Width}x{size.Height}: outside the screen: " + string.Join("; ", outside));
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
