using System.Net;
using System.Text.RegularExpressions;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>What one scenario measured. Memory in bytes, times in seconds, latencies in milliseconds.</summary>
public sealed record ScenarioResult(
    int Halls, int Displays, double TicketsPerSecond, long TicketsOk, long Shed, string Errors, Percentiles TakeTicket,
    Percentiles CallNext, Percentiles CallToScreens, long MissedDeliveries, long ExtraDeliveries, int ScreenReconnects,
    long DoubleCalled, long Lost, long LeftWaiting, long Calls, double? SiloCpu, double ToolCpu, double LoadSeconds,
    double? ColdStart, long? RssCold, long? RssDisplays, long? RssLoaded, double? Restart, int? RestartLoaderMs, long? RssRestart,
    long? EventsReplayed, int? DurabilityChecked, int? DurabilityMissing,
    // Added for the Orleans comparison (issue 9): which silo, the first GET /api/halls (it activates every hall in the
    // Orleans build) and the memory after it, and the first command answered after the SIGKILL restart.
    string Silo = "", double? ListSeconds = null, long? RssListed = null, double? FirstCommand = null, int? ProbeAttempts = null,
    string? ProbeHall = null, long? ProbeHallEvents = null, double? IdleCores = null, double? RestartReadyCpu = null, double? FirstCommandCpu = null,
    // Added for the cluster (issue 11): every process measured (silos, nginx, redis, postgres), what the crash was, and
    // the 1-minute load average at the end of the load (other work on the box).
    IReadOnlyList<PartFigures>? Parts = null, string? Crash = null, double? LoadAverage = null,
    // GET /api/halls answers that failed before one listed, and what the silos logged about the first failure.
    int ListFailures = 0, string? ListError = null,
    // Tickets completed in the hall whose completion's answer the tool never got; window answers refused, by status.
    long AnswerLost = 0, string ClerkRefused = "");

/// <summary>One process of a run: resident 1 s after start, after GET /api/halls, after the load; cores it kept busy
/// during the load; halls it activated (cluster silos).</summary>
public sealed record PartFigures(string Name, bool IsSilo, long RssCold, long RssListed, long RssLoaded, double Cores, int? Halls);

/// <summary>The 1-hall silo on an empty log: what any silo costs before it hosts halls.</summary>
public sealed record SiloBaseline(double Start, long Rss);

/// <summary>
/// One scenario on a fresh deployment: connect screens, staff windows, play kiosks and clerks, drain and count, then
/// crash a silo and time the hall's next answer.
/// </summary>
public static partial class Scenario
{
    public static async Task<SiloBaseline> BaselineAsync(LoadOptions o)
    {
        var storage = Directory.CreateTempSubdirectory("queue-load-").FullName;
        try
        {
            var (seeds, copies) = SeedFolder(o.Seeds, 1, storage);
            await using var silo = SiloStart.Silo(o, storage, seeds, copies);
            var start = await SiloStart.MeasureAsync(silo);
            await Task.Delay(1000);
            return new SiloBaseline(start.ReadyAfter.TotalSeconds, silo.ResidentBytes());
        }
        finally { Directory.Delete(storage, recursive: true); }
    }

    /// <summary>The scenario on the silo under test (or the --target).</summary>
    public static Task<ScenarioResult> RunAsync(LoadOptions o, int halls, int displays, string label = "") =>
        RunAsync(o, o.Target is { } t ? new TargetSilo(t) : new SingleSilo(o, halls), displays, label);

    /// <summary>The scenario on <paramref name="deployment"/>, which it starts and always disposes.</summary>
    public static async Task<ScenarioResult> RunAsync(LoadOptions o, Deployment deployment, int displays, string label)
    {
        await using var d = deployment;
        DisplayFleet? fleet = null;
        try
        {
            await d.StartAsync();
            var url = d.Url;
            await Task.Delay(1000);
            var rssCold = d.Resident();
            Console.WriteLine($"  resident 1 s after start: {Mib(rssCold)}");
            using var http = Http.Client(url, o.Concurrency + 64);
            await http.SignInAsync(o.AdminPassword);
            var listClock = System.Diagnostics.Stopwatch.StartNew();
            var (before, listFailures, listError) = await ListAsync(d);
            var listSeconds = listClock.Elapsed.TotalSeconds;
            var rssListed = d.Resident();
            Console.WriteLine($"  resident after GET /api/halls: {Mib(rssListed)}");
            var halls = d.Parts.ToDictionary(p => p.Name, p => p.Halls?.Invoke());
            // What the silos burn in the 5 s after the listing, nothing asked: the aftermath of activating every hall (GC, JIT,
            // the first round of hall timers) in the Orleans build; steady idle is lower (see benchmarks/README.md).
            double? idleCores = null;
            if (d.SiloCpu() is double idleCpu)
            {
                var idleClock = System.Diagnostics.Stopwatch.StartNew();
                await Task.Delay(TimeSpan.FromSeconds(5));
                idleCores = (d.SiloCpu() - idleCpu) / idleClock.Elapsed.TotalSeconds;
            }
            var ids = before.Select(h => h.Id).ToList();
            Console.WriteLine($"  {ids.Count} halls ready in {d.ColdStart:0.0} s, listed in {listSeconds:0.00} s; connecting {displays} screens");

            fleet = displays > 0 ? await DisplayFleet.ConnectAsync(url, ids, displays) : null;
            long? rssDisplays = d.SiloResident();
            var staffed = fleet?.Halls.ToList() ?? ids.Take(100).ToList();
            var windows = new Dictionary<string, int[]>();
            foreach (var kind in staffed.GroupBy(Kind)) windows[kind.Key] = await http.GeneralWindows(kind.First());
            var clerks = new Clerks(http, fleet);
            await clerks.OpenAsync(staffed, h => windows[Kind(h)], o.Windows);

            Console.WriteLine($"  load: {(o.Rate > 0 ? $"{o.Rate}/s" : $"closed loop x{o.Concurrency}")} tickets, {o.Calls}/s calls over {staffed.Count} halls, {o.Seconds} s");
            var kiosks = new Kiosks(http, ids);
            // CPU of every process over the load: on 2 shared cores it says who ran out first.
            var (cpu0, toolCpu, loadClock) = (d.Cpu(), Environment.CpuUsage.TotalTime, System.Diagnostics.Stopwatch.StartNew());
            await Task.WhenAll(kiosks.RunAsync(o.Rate, o.Concurrency, TimeSpan.FromSeconds(o.Seconds)),
                clerks.RunAsync(o.Calls, TimeSpan.FromSeconds(o.Seconds)));
            var (cpu1, seconds) = (d.Cpu(), loadClock.Elapsed.TotalSeconds);
            var tool = (Environment.CpuUsage.TotalTime - toolCpu).TotalSeconds;
            if (d.Unexpected() is { Length: > 0 } gone) Console.WriteLine($"  during the load{gone}");
            var load = double.Parse(Report.LoadAverage().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            await Task.Delay(2000); // the last calls reach the screens
            var (toScreens, missed, extra) = fleet?.Summarize() ?? (new Percentiles(0, 0, 0, 0), 0, 0);
            var reconnects = fleet?.Reconnects ?? 0;
            var rssLoaded = d.Resident();
            if (fleet is not null) await fleet.DisposeAsync();
            var screens = fleet?.Connected ?? 0;
            fleet = null;

            Console.WriteLine($"  drain: {staffed.Count} halls, all windows calling at once");
            var issuedPerHall = kiosks.Issued.GroupBy(t => t.Hall).ToDictionary(g => g.Key, g => g.LongCount());
            await clerks.DrainAsync(issuedPerHall, TimeSpan.FromMinutes(5));
            var (doubles, unserved) = clerks.Check(kiosks.Issued);
            // A ticket the tool never saw completed may have been completed all the same, its answer lost (a 504 from nginx):
            // the ticket itself says. Only the ones that are not completed count as lost.
            var (lost, answerLost) = await Unserved(http, unserved);
            // Halls nobody staffed keep every ticket waiting.
            var after = (await ListAsync(d)).Halls.ToDictionary(h => h.Id);
            var staffedSet = staffed.ToHashSet();
            foreach (var h in before.Where(h => !staffedSet.Contains(h.Id)))
                lost += Math.Max(0, issuedPerHall.GetValueOrDefault(h.Id) - (after[h.Id].Waiting - h.Waiting));
            var leftWaiting = staffed.Sum(h => (long)after[h].Waiting);

            var parts = d.Parts.Select(p => new PartFigures(p.Name, p.IsSilo, rssCold[p.Name], rssListed[p.Name], rssLoaded[p.Name],
                (cpu1[p.Name] - cpu0[p.Name]) / seconds, halls[p.Name])).ToList();
            long? Silos(Dictionary<string, long> rss) => parts.Count == 0 ? null : parts.Where(p => p.IsSilo).Sum(p => rss[p.Name]);
            double? siloCpu = parts.Count == 0 ? null : parts.Where(p => p.IsSilo).Sum(p => cpu1[p.Name] - cpu0[p.Name]);
            var result = new ScenarioResult(ids.Count, screens, kiosks.PerSecond, kiosks.Ok, kiosks.Shed,
                string.Join(" ", kiosks.Errors.Select(e => $"{e.Key}×{e.Value}")), kiosks.Latency.Summary(), clerks.CallLatency.Summary(),
                toScreens, missed, extra, reconnects, doubles, lost, leftWaiting, clerks.Calls, siloCpu, tool, seconds,
                d.ColdStart, Silos(rssCold), rssDisplays, Silos(rssLoaded), null, null, null, null, null, null,
                label, listSeconds, Silos(rssListed), IdleCores: idleCores, Parts: parts, LoadAverage: load,
                ListFailures: listFailures, ListError: listError, AnswerLost: answerLost, ClerkRefused: clerks.Refused);

            // The probe takes a ticket in the first hall, as a kiosk paired there: staffed, so it has as long a log as any.
            var probeHall = ids[0];
            var probeToken = await http.PairKioskAsync(probeHall, "probe");
            if (await d.CrashAsync(probeHall, probeToken) is not { } crash) return result;
            using var http2 = Http.Client(d.Url, 32);
            var (checkedCount, missing) = await Durable(http2, kiosks.Issued);
            return result with
            {
                Restart = crash.Ready, RestartLoaderMs = crash.LoaderMs, RssRestart = d.SiloResident(),
                EventsReplayed = crash.Events, DurabilityChecked = checkedCount, DurabilityMissing = missing,
                FirstCommand = crash.FirstCommand, ProbeAttempts = crash.Attempts, ProbeHall = probeHall,
                ProbeHallEvents = crash.ProbeHallEvents, RestartReadyCpu = crash.ReadyCpu, FirstCommandCpu = crash.FirstCommandCpu, Crash = crash.What,
            };
        }
        finally
        {
            if (fleet is not null) await fleet.DisposeAsync();
        }
    }

    // The first listing activates every hall (HallEndpoints.List), which takes longer than a request should: it is asked
    // of one silo directly (Deployment.ListUrl; through nginx it outlasted the 7 s read timeout on each silo in turn, 504
    // after 21 s, and every retry started more listings that piled up), with 5 minutes to answer. A 5xx (some activation
    // past Orleans' response timeout) is asked again for at most 8 minutes; failures and the first error are reported.
    private static async Task<(Answers.HallSummary[] Halls, int Failures, string? Error)> ListAsync(Deployment d)
    {
        string? error = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var failures = 0; ; failures++)
            try
            {
                using var http = Http.Client(d.ListUrl, 1); // a silo that went is replaced by the next one left
                http.Timeout = TimeSpan.FromMinutes(5);
                return (await http.HallSummaries(), failures, error);
            }
            catch (Exception e) when (e is HallApiException or HttpRequestException && clock.Elapsed < TimeSpan.FromMinutes(8))
            {
                var status = e is HallApiException ? e.Message.Split("got ")[^1][..3] : e.Message;
                var logged = d.Output.Split('\n').SkipWhile(l => !l.StartsWith("fail:", StringComparison.Ordinal)).Take(3).Select(l => l.Trim());
                error ??= $"{status} after {clock.Elapsed.TotalSeconds:0.0} s" + (logged.Any() ? $"; the silos logged: {string.Join(" ", logged)}" : "");
                Console.WriteLine($"  GET /api/halls failed: {status} after {clock.Elapsed.TotalSeconds:0.0} s; resident {Mib(d.Resident())}; " +
                                  $"halls activated {string.Join(", ", d.Parts.Where(p => p.Halls is not null).Select(p => $"{p.Name} {p.Halls!():N0}"))}{d.Unexpected()}");
            }
    }

    private static string Mib(Dictionary<string, long> rss) => string.Join(", ", rss.Select(p => $"{p.Key} {p.Value / (1 << 20):N0} MiB"));

    private static async Task<(long Lost, long AnswerLost)> Unserved(HttpClient http, List<(string Hall, string Id, string Number)> unserved)
    {
        long lost = 0, answerLost = 0;
        await Parallel.ForEachAsync(unserved, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (t, _) =>
        {
            using var r = await http.Ticket(t.Id, t.Hall);
            var completed = r.StatusCode == HttpStatusCode.OK && (await HallApi.Body(r)).GetProperty("status").GetString() == "completed";
            Interlocked.Increment(ref completed ? ref answerLost : ref lost);
        });
        return (lost, answerLost);
    }

    // Every acknowledged ticket must survive the crash; a spread sample of them is asked for by id.
    private static async Task<(int, int)> Durable(HttpClient http, IEnumerable<(string Hall, string Id, string Number)> issued)
    {
        var all = issued.ToList();
        var sample = all.Where((_, i) => i % Math.Max(1, all.Count / 500) == 0).ToList();
        var missing = 0;
        await Parallel.ForEachAsync(sample, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (t, _) =>
        {
            using var r = await http.Ticket(t.Id, t.Hall);
            if (r.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref missing);
        });
        return (sample.Count, missing);
    }

    /// <summary>
    /// A seeds folder for N halls: the first N seeds for fewer halls than there are seeds (宣恩 first), else every
    /// seed with Halls:CopiesPerSeed so the silo hosts at least N (10,000 → 3334 copies of each of 3).
    /// </summary>
    public static (string Folder, int Copies) SeedFolder(string seeds, int halls, string storage)
    {
        string[] preferred = ["xuanen", "enshi", "shadaogou"];
        var files = Directory.GetFiles(seeds, "*.hall.json")
            .OrderBy(f => Array.IndexOf(preferred, Path.GetFileName(f).Split('.')[0]) is var i && i < 0 ? 99 : i).ToList();
        var folder = Directory.CreateDirectory(Path.Combine(storage, "seeds")).FullName;
        var copies = halls <= files.Count ? 0 : (halls + files.Count - 1) / files.Count;
        foreach (var f in files.Take(copies == 0 ? halls : files.Count)) File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        return (folder, copies);
    }

    // xuanen-00042 is a copy of xuanen: same windows.
    private static string Kind(string hallId) => CopySuffix().Replace(hallId, "");

    [GeneratedRegex(@"-\d{5}$")]
    private static partial Regex CopySuffix();
}
