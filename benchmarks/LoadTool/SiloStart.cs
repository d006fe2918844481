using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>
/// One start of the silo (tests/Support's <see cref="SiloProcess"/>), timed from the spawn. Ready means /healthz
/// answers 200. The pre-Orleans silo rebuilt every hall before Kestrel listened; the Orleans silo listens at once and
/// activates a hall on its first use, so "ready" no longer means "answers commands": with a probe hall, the time until
/// a take-ticket there is answered 2xx is measured too, from the same spawn.
/// </summary>
public sealed partial class SiloStart
{
    /// <summary>From process start to the first healthy answer.</summary>
    public TimeSpan ReadyAfter { get; private set; }
    /// <summary>From process start to the first take-ticket on the probe hall answered 2xx (null without a probe).</summary>
    public TimeSpan? FirstCommandAfter { get; private set; }
    /// <summary>CPU seconds the silo had used when /healthz first answered, and when the probe was first answered.</summary>
    public double ReadyCpu { get; private set; }
    public double? FirstCommandCpu { get; private set; }
    /// <summary>Take-ticket attempts the probe sent before the first 2xx (refused connections included).</summary>
    public int ProbeAttempts { get; private set; }
    /// <summary>The silo's own "Loaded N halls in X ms" figure; only the pre-Orleans silo logs it (whenever its line comes).</summary>
    public int? LoaderMs { get; private set; }

    /// <summary>
    /// The silo under test (--silo, or the baseline with --compare) on <paramref name="storage"/>: production settings,
    /// its own project folder as content root, quiet but for the loader's timing line; <paramref name="settings"/> after
    /// ours (a cluster's).
    /// </summary>
    public static SiloProcess Silo(LoadOptions o, string storage, string seeds, int copiesPerSeed, params string[] settings) => new(storage)
    {
        SiloDll = o.SiloDll,
        WorkingDirectory = Directory.Exists(o.SiloFolder) ? o.SiloFolder : Path.GetDirectoryName(o.SiloDll)!,
        Seeds = seeds,
        Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        Arguments = [$"--Halls:CopiesPerSeed={copiesPerSeed}", "--Logging:LogLevel:Queue.Silo.Halls.HallLoader=Information", .. UnlimitedClient, .. settings],
        ReadyTimeout = TimeSpan.FromMinutes(10), // 10,000 halls on 2 shared cores
        ReadyPoll = TimeSpan.FromMilliseconds(5), // the start is a figure of the report, in milliseconds
    };

    /// <summary>
    /// The tool is every kiosk and every phone at once, from one address: the per-client limits on taking tickets and
    /// looking them up (tested in RateLimitTests) would refuse most of the load, so the silos it starts lift them; and the
    /// residents' limits on booking (--booking: "resident", and "booking" where the silo has it), which a phone meets.
    /// </summary>
    private static readonly string[] UnlimitedClient = ["--RateLimits:taking:PermitLimit=1000000000", "--RateLimits:lookup:PermitLimit=1000000000",
        "--RateLimits:resident:PermitLimit=1000000000", "--RateLimits:booking:PermitLimit=1000000000"];

    /// <summary>
    /// Starts <paramref name="silo"/> and waits until /healthz answers; with a probe hall, also until a take-ticket there
    /// is answered 2xx, sent as the kiosk <paramref name="probeToken"/> names (none on a silo from before accounts).
    /// </summary>
    public static async Task<SiloStart> MeasureAsync(SiloProcess silo, string? probeHall = null, string? probeToken = null)
    {
        var start = new SiloStart();
        silo.Line += line =>
        {
            if (LoadedLine().Match(line) is { Success: true } m) start.LoaderMs = int.Parse(m.Groups[1].Value);
        };
        var clock = Stopwatch.StartNew();
        var ready = silo.StartAsync(); // the process is spawned before this returns, so the probe starts with it
        var probe = probeHall is null ? Task.CompletedTask : start.ProbeAsync(silo, probeHall, probeToken, clock);
        await ready;
        (start.ReadyAfter, start.ReadyCpu) = (clock.Elapsed, silo.CpuSeconds());
        await probe;
        return start;
    }

    private async Task ProbeAsync(SiloProcess silo, string hallId, string? token, Stopwatch clock)
    {
        ProbeAttempts = await TakeUntilAnsweredAsync(silo.BaseAddress, hallId, token, silo.ReadyTimeout, () => silo.Output, () =>
        {
            if (silo.HasExited) throw new InvalidOperationException($"The silo exited before answering a take-ticket:\n{silo.Output}");
        });
        (FirstCommandAfter, FirstCommandCpu) = (clock.Elapsed, silo.CpuSeconds());
    }

    /// <summary>
    /// One take-ticket on <paramref name="hallId"/> at <paramref name="url"/>, retried with the same Idempotency-Key until
    /// it is answered 2xx: refused connections (not listening yet, or nginx with no silo left) and non-2xx answers (still
    /// starting, or the hall's silo not yet declared dead) are retried every 5 ms; a request in flight is waited for.
    /// Returns the attempts; <paramref name="check"/> runs before each and may throw to give up.
    /// </summary>
    public static async Task<int> TakeUntilAnsweredAsync(Uri url, string hallId, string? token, TimeSpan timeout, Func<string> detail, Action? check = null)
    {
        using var http = Http.Client(url, 1, token);
        var key = Guid.NewGuid().ToString("N");
        var attempts = 0;
        await Wait.Until(async () =>
        {
            check?.Invoke();
            attempts++;
            try
            {
                using var r = await http.Take(new { categoryCode = "general", kioskId = "probe" }, hallId, key);
                return r.IsSuccessStatusCode;
            }
            catch (HttpRequestException) { return false; } // not listening yet
            catch (TaskCanceledException) { return false; }
        }, timeout, $"a take-ticket on {hallId} answered 2xx", detail, TimeSpan.FromMilliseconds(5));
        return attempts;
    }

    [GeneratedRegex(@"Loaded \d+ halls .* in (\d+) ms")]
    private static partial Regex LoadedLine();
}
