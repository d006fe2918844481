using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
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
    string? ProbeHall = null, long? ProbeHallEvents = null, double? IdleCores = null, double? RestartReadyCpu = null, double? FirstCommandCpu = null);

/// <summary>The 1-hall silo on an empty log: what any silo costs before it hosts halls.</summary>
public sealed record SiloBaseline(double Start, long Rss);

/// <summary>
/// One scenario on a fresh silo: connect screens, staff windows, play kiosks and clerks, drain and count, then
/// crash the silo and time its restart from the log.
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

    public static async Task<ScenarioResult> RunAsync(LoadOptions o, int halls, int displays, string label = "")
    {
        var storage = Directory.CreateTempSubdirectory("queue-load-").FullName;
        SiloProcess? silo = null;
        DisplayFleet? fleet = null;
        try
        {
            var (seeds, copies) = o.Target is null ? SeedFolder(o.Seeds, halls, storage) : ("", 0);
            silo = o.Target is null ? SiloStart.Silo(o, storage, seeds, copies) : null;
            var start = silo is null ? null : await SiloStart.MeasureAsync(silo);
            var url = o.Target ?? silo!.BaseAddress;
            await Task.Delay(1000);
            long? rssCold = silo?.ResidentBytes();
            using var http = Http.Client(url, o.Concurrency + 64);
            await http.SignInAsync(o.AdminPassword);
            var listClock = System.Diagnostics.Stopwatch.StartNew();
            var before = await http.HallSummaries();
            var listSeconds = listClock.Elapsed.TotalSeconds;
            long? rssListed = silo?.ResidentBytes();
            // What the silo burns in the 5 s after the listing, nothing asked: the aftermath of activating every hall (GC, JIT,
            // the first round of hall timers) in the Orleans build; steady idle is lower (see benchmarks/README.md).
            double? idleCores = null;
            if (silo is not null)
            {
                var (idleCpu, idleClock) = (silo.CpuSeconds(), System.Diagnostics.Stopwatch.StartNew());
                await Task.Delay(TimeSpan.FromSeconds(5));
                idleCores = (silo.CpuSeconds() - idleCpu) / idleClock.Elapsed.TotalSeconds;
            }
            var ids = before.Select(h => h.Id).ToList();
            Console.WriteLine($"  {ids.Count} halls ready in {start?.ReadyAfter.TotalSeconds:0.0} s, listed in {listSeconds:0.00} s; connecting {displays} screens");

            fleet = displays > 0 ? await DisplayFleet.ConnectAsync(url, ids, displays) : null;
            long? rssDisplays = silo?.ResidentBytes();
            var staffed = fleet?.Halls.ToList() ?? ids.Take(100).ToList();
            var windows = new Dictionary<string, int[]>();
            foreach (var kind in staffed.GroupBy(Kind)) windows[kind.Key] = await http.GeneralWindows(kind.First());
            var clerks = new Clerks(http, fleet);
            await clerks.OpenAsync(staffed, h => windows[Kind(h)], o.Windows);

            Console.WriteLine($"  load: {(o.Rate > 0 ? $"{o.Rate}/s" : $"closed loop x{o.Concurrency}")} tickets, {o.Calls}/s calls over {staffed.Count} halls, {o.Seconds} s");
            var kiosks = new Kiosks(http, ids);
            // CPU of both processes over the load: on 2 shared cores it says who ran out first.
            var (siloCpu, toolCpu, loadClock) = (silo?.CpuSeconds(), Environment.CpuUsage.TotalTime, System.Diagnostics.Stopwatch.StartNew());
            await Task.WhenAll(kiosks.RunAsync(o.Rate, o.Concurrency, TimeSpan.FromSeconds(o.Seconds)),
                clerks.RunAsync(o.Calls, TimeSpan.FromSeconds(o.Seconds)));
            var cpu = (Silo: silo?.CpuSeconds() - siloCpu, Tool: (Environment.CpuUsage.TotalTime - toolCpu).TotalSeconds, Seconds: loadClock.Elapsed.TotalSeconds);
            await Task.Delay(2000); // the last calls reach the screens
            var (toScreens, missed, extra) = fleet?.Summarize() ?? (new Percentiles(0, 0, 0, 0), 0, 0);
            var reconnects = fleet?.Reconnects ?? 0;
            long? rssLoaded = silo?.ResidentBytes();
            if (fleet is not null) await fleet.DisposeAsync();
            var screens = fleet?.Connected ?? 0;
            fleet = null;

            Console.WriteLine($"  drain: {staffed.Count} halls, all windows calling at once");
            var issuedPerHall = kiosks.Issued.GroupBy(t => t.Hall).ToDictionary(g => g.Key, g => g.LongCount());
            await clerks.DrainAsync(issuedPerHall, TimeSpan.FromMinutes(5));
            var (doubles, lost) = clerks.Check(kiosks.Issued);
            // Halls nobody staffed keep every ticket waiting.
            var after = (await http.HallSummaries()).ToDictionary(h => h.Id);
            var staffedSet = staffed.ToHashSet();
            foreach (var h in before.Where(h => !staffedSet.Contains(h.Id)))
                lost += Math.Max(0, issuedPerHall.GetValueOrDefault(h.Id) - (after[h.Id].Waiting - h.Waiting));
            var leftWaiting = staffed.Sum(h => (long)after[h].Waiting);

            var result = new ScenarioResult(ids.Count, screens, kiosks.PerSecond, kiosks.Ok, kiosks.Shed,
                string.Join(" ", kiosks.Errors.Select(e => $"{e.Key}×{e.Value}")), kiosks.Latency.Summary(), clerks.CallLatency.Summary(),
                toScreens, missed, extra, reconnects, doubles, lost, leftWaiting, clerks.Calls, cpu.Silo, cpu.Tool, cpu.Seconds,
                start?.ReadyAfter.TotalSeconds, rssCold, rssDisplays, rssLoaded, null, null, null, null, null, null,
                label, listSeconds, rssListed, IdleCores: idleCores);
            if (silo is null) return result;

            // The probe takes a ticket in the first hall, as a kiosk paired there: staffed, so it has as long a log as any.
            var probeHall = ids[0];
            var probeToken = await http.PairKioskAsync(probeHall, "probe");
            Console.WriteLine("  crash (SIGKILL) and restart from the log");
            silo.Kill();
            var events = CountEvents(Path.Combine(storage, "queue.db"));
            var probeEvents = CountEvents(Path.Combine(storage, "queue.db"), probeHall);
            await using var again = SiloStart.Silo(o, storage, seeds, copies);
            var restart = await SiloStart.MeasureAsync(again, probeHall, probeToken);
            Console.WriteLine($"  restarted: ready {restart.ReadyAfter.TotalSeconds:0.000} s, first take-ticket on {probeHall} answered {restart.FirstCommandAfter?.TotalSeconds:0.000} s");
            await Task.Delay(1000);
            using var http2 = Http.Client(again.BaseAddress, 32);
            var (checkedCount, missing) = await Durable(http2, kiosks.Issued);
            return result with
            {
                Restart = restart.ReadyAfter.TotalSeconds, RestartLoaderMs = restart.LoaderMs, RssRestart = again.ResidentBytes(),
                EventsReplayed = events, DurabilityChecked = checkedCount, DurabilityMissing = missing,
                FirstCommand = restart.FirstCommandAfter?.TotalSeconds, ProbeAttempts = restart.ProbeAttempts, ProbeHall = probeHall,
                ProbeHallEvents = probeEvents, RestartReadyCpu = restart.ReadyCpu, FirstCommandCpu = restart.FirstCommandCpu,
            };
        }
        finally
        {
            if (fleet is not null) await fleet.DisposeAsync();
            if (silo is not null) await silo.DisposeAsync();
            Directory.Delete(storage, recursive: true);
        }
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

    private static long CountEvents(string db, string? hallId = null)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=false");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = hallId is null ? "SELECT count(*) FROM hall_event" : "SELECT count(*) FROM hall_event WHERE hall_id = $h";
        if (hallId is not null) q.Parameters.AddWithValue("$h", hallId);
        return (long)q.ExecuteScalar()!;
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
