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
    /// its own project folder as content root, quiet but for the loader's timing line.
    /// </summary>
    public static SiloProcess Silo(LoadOptions o, string storage, string seeds, int copiesPerSeed) => new(storage)
    {
        SiloDll = o.SiloDll,
        WorkingDirectory = Directory.Exists(o.SiloFolder) ? o.SiloFolder : Path.GetDirectoryName(o.SiloDll)!,
        Seeds = seeds,
        Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        Arguments = [$"--Halls:CopiesPerSeed={copiesPerSeed}", "--Logging:LogLevel:Queue.Silo.Halls.HallLoader=Information", .. UnlimitedClient],
        ReadyTimeout = TimeSpan.FromMinutes(10), // 10,000 halls on 2 shared cores
        ReadyPoll = TimeSpan.FromMilliseconds(5), // the start is a figure of the report, in milliseconds
    };

    /// <summary>
    /// The tool is every kiosk and every phone at once, from one address: the per-client limits on taking tickets and
    /// looking them up (tested in RateLimitTests) would refuse most of the load, so the silos it starts lift them.
    /// </summary>
    private static readonly string[] UnlimitedClient = ["--RateLimits:taking:PermitLimit=1000000000", "--RateLimits:lookup:PermitLimit=1000000000"];

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

    // One take-ticket, retried with the same Idempotency-Key until it is answered 2xx: refused connections (not
    // listening yet) and non-2xx answers (still starting) are retried every 5 ms; a request in flight is waited for.
    private async Task ProbeAsync(SiloProcess silo, string hallId, string? token, Stopwatch clock)
    {
        using var http = Http.Client(silo.BaseAddress, 1, token);
        var key = Guid.NewGuid().ToString("N");
        await Wait.Until(async () =>
        {
            if (silo.HasExited) throw new InvalidOperationException($"The silo exited before answering a take-ticket:\n{silo.Output}");
            ProbeAttempts++;
            try
            {
                using var r = await http.Take(new { categoryCode = "general", kioskId = "probe" }, hallId, key);
                if (!r.IsSuccessStatusCode) return false;
                (FirstCommandAfter, FirstCommandCpu) = (clock.Elapsed, silo.CpuSeconds());
                return true;
            }
            catch (HttpRequestException) { return false; } // not listening yet
            catch (TaskCanceledException) { return false; }
        }, silo.ReadyTimeout, $"a take-ticket on {hallId} answered 2xx", () => silo.Output, TimeSpan.FromMilliseconds(5));
    }

    [GeneratedRegex(@"Loaded \d+ halls .* in (\d+) ms")]
    private static partial Regex LoadedLine();
}
