using System.Diagnostics;
using System.Text;
using static Queue.Load.Compare;

namespace Queue.Load;

/// <summary>
/// --cluster N (issue 11): every scenario through nginx on N silos (Redis membership and backplane, the log in
/// PostgreSQL) and on the single silo on SQLite, alternately in the same run as <see cref="Compare"/> does, then one
/// page: single, cluster, cluster/single beside the floors, and what every process (silos, nginx, redis-server,
/// PostgreSQL, this tool) used, so the page says which of them ran out of the 2 cores first.
/// </summary>
public static class ClusterRun
{
    private const double MiB = 1 << 20;
    public const string Single = "single", Cluster = "cluster";
    private static readonly string[] Fronts = ["nginx", "redis", "postgres"];

    public static async Task<string> RunAsync(LoadOptions o, string command)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        var loadBefore = Report.LoadAverage();
        Console.WriteLine($"{command}\nfloors (before): loopback HTTP, WebSocket echo, fdatasync, trivial POST throughput");
        var floors = await Floors.MeasureAsync(Path.GetTempPath(), o.Concurrency);
        var runs = await Alternate(o, Single, Cluster, (label, halls, displays) =>
            Scenario.RunAsync(o, label == Single ? new SingleSilo(o, halls) : new ClusterDeployment(o, halls, o.Cluster), displays, label));
        Console.WriteLine("floors (after)");
        var floorsAfter = await Floors.MeasureAsync(Path.GetTempPath(), o.Concurrency);
        return Markdown(command, o, started, clock.Elapsed, loadBefore, floors, floorsAfter, runs);
    }

    private static double? Cores(ScenarioResult r, string part) =>
        r.Parts?.FirstOrDefault(p => p.Name == part) is { } p ? p.Cores : null;

    private static PartFigures? BusiestSilo(ScenarioResult r) => r.Parts?.Where(p => p.IsSilo).MaxBy(p => p.Cores);

    private static double? LargestSilo(ScenarioResult r, Func<PartFigures, long> rss) =>
        r.Parts?.Where(p => p.IsSilo).Max(rss) / MiB;

    private static IEnumerable<Figure> Figures(LoadOptions o, FloorFigures f, int halls, int displays)
    {
        var closed = o.Rate == 0;
        var opening = halls >= 28_000 ? "< 2 GB in total at 28,000 halls" : "";
        yield return new("take-tickets/s" + (closed ? $" (closed loop ×{o.Concurrency})" : " (open loop, offered rate)"), r => r.TicketsPerSecond, "N0", true,
            closed ? $"trivial POST {f.HttpPerSecond:N0}/s" : "");
        yield return new("take-ticket p50 ms", r => r.TakeTicket.P50, "0.00", false, $"HTTP + fdatasync {f.Command.P50:0.00}");
        yield return new("take-ticket p99 ms", r => r.TakeTicket.P99, "0.00", false, $"HTTP + fdatasync {f.Command.P99:0.00}");
        yield return new("call-next p50 ms", r => r.CallNext.P50, "0.00", false, $"HTTP + fdatasync {f.Command.P50:0.00}");
        yield return new("call-next p99 ms", r => r.CallNext.P99, "0.00", false, $"HTTP + fdatasync {f.Command.P99:0.00}");
        if (displays > 0)
        {
            yield return new("call → every screen p50 ms", r => r.CallToScreens.P50, "0.00", false, $"WS echo + fdatasync {f.Call.P50:0.00}");
            yield return new("call → every screen p99 ms", r => r.CallToScreens.P99, "0.00", false, $"WS echo + fdatasync {f.Call.P99:0.00}");
        }
        yield return new("load average (1 min) at the end of the load", r => r.LoadAverage, "0.0", false, "2 cores; other engineers' builds show here");
        yield return new("cores busy during the load: every silo", r => r.SiloCpu / r.LoadSeconds, "0.00", false, "2 cores in all");
        yield return new("cores busy during the load: the busiest silo", r => BusiestSilo(r)?.Cores, "0.00", false, "1 core is what one process can saturate only if single-threaded");
        foreach (var part in Fronts) yield return new($"cores busy during the load: {part}", r => Cores(r, part), "0.00", false);
        yield return new("cores busy during the load: this tool (kiosks, clerks, screens)", r => r.ToolCpu / r.LoadSeconds, "0.00", false);
        yield return new("cores busy during the load: all of the above", r => (r.Parts?.Sum(p => p.Cores) ?? 0) + r.ToolCpu / r.LoadSeconds, "0.00", false, "2 cores");
        yield return new("cores busy, every silo, in the 5 s after GET /api/halls (nothing asked: every hall active, its timers)", r => r.IdleCores, "0.00", false);
        if (closed)
        {
            yield return new("silo CPU µs per take-ticket (every silo)", r => r.SiloCpu * 1e6 / Math.Max(1, r.TicketsOk), "N0", false);
            yield return new("CPU µs per take-ticket: silos + nginx + redis + postgres", r => r.Parts?.Sum(p => p.Cores) * r.LoadSeconds * 1e6 / Math.Max(1, r.TicketsOk), "N0", false);
        }
        yield return new("cold start: every silo answers /healthz after s", r => r.ColdStart, "0.00", false);
        yield return new("resident MiB, every silo, 1 s after start (no request yet)", r => r.RssCold / MiB, "N0", false, "", opening, opening == "" ? null : 2048);
        yield return new("resident MiB, the largest silo, 1 s after start", r => LargestSilo(r, p => p.RssCold), "N0", false);
        yield return new("first GET /api/halls s (activates every hall; cluster: asked of silo 1, not through nginx)", r => r.ListSeconds, "0.00", false);
        yield return new("GET /api/halls answered 5xx before one listed every hall", r => r.ListFailures, "N0", false, "asked again at once for at most 8 min");
        yield return new("resident MiB, every silo, after GET /api/halls (every hall active)", r => r.RssListed / MiB, "N0", false, "", opening, opening == "" ? null : 2048);
        yield return new("resident MiB, the largest silo, after GET /api/halls", r => LargestSilo(r, p => p.RssListed), "N0", false);
        yield return new("resident MiB of nginx + redis + postgres after GET /api/halls", r => r.Parts?.Any(p => !p.IsSilo) == true
            ? r.Parts.Where(p => !p.IsSilo).Sum(p => p.RssListed) / MiB : null, "N0", false, "Pss summed over each one's processes");
        if (displays > 0) yield return new("resident MiB, every silo, with the screens connected", r => r.RssDisplays / MiB, "N0", false);
        yield return new("resident MiB, every silo, after the load", r => r.RssLoaded / MiB, "N0", false);
        yield return new("SIGKILL → the hall's next take-ticket answered s (single: restarted; cluster: through nginx)", r => r.FirstCommand, "0.000", false,
            "single: from the restart's spawn", "< 5 s", 5);
        yield return new("probe attempts until then (every 5 ms)", r => r.ProbeAttempts, "N0", false);
        yield return new("resident MiB, every silo left, after the crash and the durability sample", r => r.RssRestart / MiB, "N0", false);
    }

    private static string Markdown(string command, LoadOptions o, DateTime started, TimeSpan took, string loadBefore, FloorFigures f,
        FloorFigures fAfter, List<ScenarioResult> runs)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {o.Cluster} silos behind nginx against 1 silo on SQLite, {started:yyyy-MM-dd HH:mm} UTC").AppendLine();
        md.AppendLine($"Command (from the repository root): `dotnet benchmarks/LoadTool/bin/Release/net10.0/{command.Replace("queue-load", "queue-load.dll")}`").AppendLine();
        md.AppendLine($"Date: {started:yyyy-MM-dd}, {started:HH:mm}–{DateTime.UtcNow:HH:mm} UTC ({took.TotalMinutes:0.0} min). " +
                      $"Load average (1/5/15 min) before: {loadBefore}, after: {Report.LoadAverage()}; other engineers' work on the box shows here, " +
                      "and in the table's load average row.").AppendLine();
        md.AppendLine($"Silo: {Commit(o.SiloFolder)} — `{o.SiloDll}`.").AppendLine();
        AppendMachine(md);
        md.AppendLine($"- **single** = one silo on a fresh SQLite log (`Storage:Path`), no Redis, no PostgreSQL, no nginx: the load goes to it directly.");
        md.AppendLine($"- **cluster** = {o.Cluster} silos with `Cluster:Redis` (a redis-server of the run's own, append-only file), `Storage:Postgres` " +
                      $"(a throwaway PostgreSQL 15 cluster, tests/postgres.sh, as the postgres user, on a Unix socket, its default 100 connections; each silo's Npgsql pool at most {90 / o.Cluster}), distinct `Cluster:SiloPort`/`GatewayPort`, " +
                      $"`Security:TrustedProxies:0=127.0.0.1`, and nginx from silo/nginx.conf in front: kiosks, clerks and screens all go through nginx, " +
                      "which spreads requests and WebSockets round-robin over the silos.");
        md.AppendLine("- both: the same seeds, `Halls:CopiesPerSeed` for the hall count (10,002 = 3334 copies of each of the 3 seeds, 28,002 = 9334), " +
                      "`Halls:IgnoreOpeningHours=true`, the tool's lifts of the per-client taking and lookup limits, log level Warning.").AppendLine();
        md.AppendLine($"Everything runs on this machine's {Environment.ProcessorCount} cores, the load tool too. Every scenario runs {o.Repeat} round(s) of each, " +
                      "alternately (single first in one round, cluster first in the next); with more than one round a cell is the median and every round in brackets.").AppendLine();

        md.AppendLine("## Cluster against single silo").AppendLine();
        md.AppendLine("A ratio above 1 means the cluster's figure is bigger. Goals are judged on the cluster's value.").AppendLine();
        AppendVersus(md, runs, Single, Cluster, key => Figures(o, f, key.Halls, key.Displays), verdict: false);

        md.AppendLine("## Every process of every run").AppendLine();
        md.AppendLine("CPU and resident memory from /proc (a process with its children: PostgreSQL's backends, nginx's worker; resident is " +
                      "VmRSS for a lone process, the sum of Pss over a process tree, so shared pages count once). " +
                      "Cores busy = CPU seconds during the load / its seconds.").AppendLine();
        md.AppendLine("| run | halls | screens | process | halls activated | resident MiB: 1 s after start / after GET /api/halls / after the load | cores busy during the load |");
        md.AppendLine("|---|---:|---:|---|---:|---|---:|");
        foreach (var r in runs)
            foreach (var p in r.Parts ?? [])
                md.AppendLine($"| {r.Silo} | {r.Halls:N0} | {r.Displays:N0} | {p.Name} | {(p.Halls is int h ? h.ToString("N0") : "–")} | " +
                              $"{p.RssCold / MiB:N0} / {p.RssListed / MiB:N0} / {p.RssLoaded / MiB:N0} | {p.Cores:0.00} |");
        md.AppendLine();
        foreach (var r in runs)
        {
            var all = (r.Parts?.Sum(p => p.Cores) ?? 0) + r.ToolCpu / r.LoadSeconds;
            var busiest = r.Parts?.MaxBy(p => p.Cores);
            md.AppendLine($"- {r.Silo}, {r.Halls:N0} halls, {r.Displays:N0} screens (load average {r.LoadAverage:0.0}): busiest process {busiest?.Name} at {busiest?.Cores:0.00} cores, " +
                          $"the tool {r.ToolCpu / r.LoadSeconds:0.00}; all measured {all:0.00} of {Environment.ProcessorCount} cores. Crash: {r.Crash}." +
                          (r.ListError is { } e ? $" First GET /api/halls failed: {e}" : ""));
        }
        md.AppendLine();

        md.AppendLine("## Floors").AppendLine();
        Report.AppendFloors(md, o, f, "Before the scenarios (no silo running):");
        md.AppendLine();
        Report.AppendFloors(md, o, fAfter, "After the scenarios (drift of the machine during the run):");
        md.AppendLine();
        md.AppendLine("## Every run").AppendLine();
        Report.AppendTables(md, o, f, runs, _ => null);
        return md.ToString();
    }
}
