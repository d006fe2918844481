using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Queue.Load;

/// <summary>
/// --compare (issue 9): the baseline silo ("old") and --silo ("new") in one run, on the same machine, scenario by
/// scenario and alternately (old first in one round, new first in the next), so the noise of a shared box falls on
/// both. One table gives old, new, new/old and the floors for every figure; the detail tables follow.
/// </summary>
public static class Compare
{
    private const double MiB = 1 << 20;
    public const string Old = "old", New = "new";

    public static async Task<string> RunAsync(LoadOptions o, string command)
    {
        var clock = Stopwatch.StartNew();
        var started = DateTime.UtcNow;
        var loadBefore = Report.LoadAverage();
        var silos = new Dictionary<string, LoadOptions> { [Old] = o.Baseline(), [New] = o };

        Console.WriteLine($"{command}\nfloors (before): loopback HTTP, WebSocket echo, fdatasync, trivial POST throughput");
        var floors = await Floors.MeasureAsync(Path.GetTempPath(), o.Concurrency);
        var baselines = new Dictionary<string, SiloBaseline>();
        foreach (var label in new[] { Old, New })
        {
            Console.WriteLine($"baseline ({label}): 1-hall silo on an empty log");
            baselines[label] = await Scenario.BaselineAsync(silos[label]);
        }

        // The least-work server (issue 16) once per scenario, with no silo running: both builds' figures as ratios to it.
        var leastWork = new List<ScenarioResult>();
        foreach (var halls in o.Halls)
            foreach (var displays in o.Displays)
            {
                Console.WriteLine($"least-work server: {halls:N0} halls, {displays:N0} screens");
                leastWork.Add(await Scenario.RunAsync(o, new LeastWorkServer(o, halls), displays, LeastWorkServer.Label));
            }

        var runs = await Alternate(o, Old, New, (label, halls, displays) => Scenario.RunAsync(silos[label], halls, displays, label));

        Console.WriteLine("floors (after)");
        var floorsAfter = await Floors.MeasureAsync(Path.GetTempPath(), o.Concurrency);
        return Markdown(command, o, started, clock.Elapsed, loadBefore, floors, floorsAfter, baselines, runs, leastWork);
    }

    /// <summary>
    /// Every pair of --halls and --displays, --repeat rounds of <paramref name="a"/> and <paramref name="b"/> each, the
    /// order swapped every round (a first, then b first, ...), so the noise of the shared box falls on both.
    /// </summary>
    public static async Task<List<ScenarioResult>> Alternate(LoadOptions o, string a, string b, Func<string, int, int, Task<ScenarioResult>> run)
    {
        var clock = Stopwatch.StartNew();
        var runs = new List<ScenarioResult>();
        var k = 0;
        foreach (var halls in o.Halls)
            foreach (var displays in o.Displays)
            {
                for (var round = 0; round < o.Repeat; round++)
                    foreach (var label in (k + round) % 2 == 0 ? new[] { a, b } : [b, a])
                    {
                        Console.WriteLine($"scenario ({label}, round {round + 1}/{o.Repeat}, {clock.Elapsed:mm\\:ss}, load {Report.LoadAverage()}): {halls:N0} halls, {displays:N0} screens");
                        runs.Add(await run(label, halls, displays));
                    }
                k++;
            }
        return runs;
    }

    /// <summary>
    /// One figure of a comparison: how to read it from a run, and which way is better. Its goal is judged on the ratio
    /// (within 10 %) or, with <paramref name="Below"/>, on the second build's value.
    /// </summary>
    public sealed record Figure(string Name, Func<ScenarioResult, double?> Read, string Format, bool HigherIsBetter, string Floor = "", string Goal = "", double? Below = null);

    private static IEnumerable<Figure> Figures(LoadOptions o, FloorFigures f, int displays, Dictionary<string, SiloBaseline> b)
    {
        // What any start of that build costs on this box (runtime, ASP.NET, Orleans) before it hosts halls.
        var processFloor = $"1-hall start on an empty log: old {b[Old].Start:0.00} s, new {b[New].Start:0.00} s";
        var closed = o.Rate == 0;
        yield return new("take-tickets/s" + (closed ? $" (closed loop ×{o.Concurrency})" : " (open loop, offered rate)"), r => r.TicketsPerSecond, "N0", true,
            closed ? $"trivial POST {f.HttpPerSecond:N0}/s" : "", closed ? "new ≥ 0.9 × old" : "");
        yield return new("take-ticket p50 ms", r => r.TakeTicket.P50, "0.00", false, $"HTTP + fdatasync {f.Command.P50:0.00}");
        yield return new("take-ticket p99 ms", r => r.TakeTicket.P99, "0.00", false, $"HTTP + fdatasync {f.Command.P99:0.00}", "new ≤ 1.1 × old");
        yield return new("call-next p50 ms", r => r.CallNext.P50, "0.00", false, $"HTTP + fdatasync {f.Command.P50:0.00}");
        yield return new("call-next p99 ms", r => r.CallNext.P99, "0.00", false, $"HTTP + fdatasync {f.Command.P99:0.00}");
        if (displays > 0)
        {
            yield return new("call → every screen p50 ms", r => r.CallToScreens.P50, "0.00", false, $"WS echo + fdatasync {f.Call.P50:0.00}");
            yield return new("call → every screen p99 ms", r => r.CallToScreens.P99, "0.00", false, $"WS echo + fdatasync {f.Call.P99:0.00}", "new ≤ 1.1 × old");
        }
        yield return new("silo cores busy during the load", r => r.SiloCpu / r.LoadSeconds, "0.00", false, "2 cores shared with the tool");
        if (closed) yield return new("silo CPU µs per take-ticket", r => r.SiloCpu * 1e6 / Math.Max(1, r.TicketsOk), "N0", false);
        yield return new("cold start: /healthz 200 after s", r => r.ColdStart, "0.00", false, processFloor);
        yield return new("resident MiB 1 s after start (no request yet)", r => r.RssCold / MiB, "N0", false, $"1-hall silo: old {b[Old].Rss / MiB:0}, new {b[New].Rss / MiB:0} MiB", "new ≤ 1.1 × old");
        yield return new("first GET /api/halls s (Orleans: activates every hall)", r => r.ListSeconds, "0.00", false);
        yield return new("resident MiB after GET /api/halls (every hall in memory)", r => r.RssListed / MiB, "N0", false);
        yield return new("silo cores busy in the 5 s right after GET /api/halls (activation aftermath, no request)", r => r.IdleCores, "0.000", false);
        if (displays > 0) yield return new("resident MiB with the screens connected", r => r.RssDisplays / MiB, "N0", false);
        yield return new("resident MiB after the load", r => r.RssLoaded / MiB, "N0", false, "", "new ≤ 1.1 × old");
        yield return new("SIGKILL restart: /healthz 200 after s", r => r.Restart, "0.000", false, processFloor);
        yield return new("SIGKILL restart: first take-ticket answered after s", r => r.FirstCommand, "0.000", false, processFloor, "new < 1 s", 1);
        yield return new("SIGKILL restart: silo CPU s used until /healthz 200", r => r.RestartReadyCpu, "0.00", false);
        yield return new("SIGKILL restart: silo CPU s used until the first take-ticket answered", r => r.FirstCommandCpu, "0.00", false);
        yield return new("restart: the old loader's \"Loaded N halls in X ms\"", r => r.RestartLoaderMs, "N0", false);
        yield return new("resident MiB after the restart and the durability sample", r => r.RssRestart / MiB, "N0", false);
        yield return new("events in the log at the restart", r => r.EventsReplayed, "N0", false);
    }

    private static string Markdown(string command, LoadOptions o, DateTime started, TimeSpan took, string loadBefore, FloorFigures f,
        FloorFigures fAfter, Dictionary<string, SiloBaseline> baselines, List<ScenarioResult> runs, List<ScenarioResult> leastWork)
    {
        var md = new StringBuilder();
        var (oldCommit, newCommit) = (Commit(o.CompareFolder), Commit(o.SiloFolder));
        md.AppendLine($"# Orleans silo against the pre-Orleans mailbox silo, {started:yyyy-MM-dd HH:mm} UTC").AppendLine();
        md.AppendLine($"Command (from the repository root of the new build): `{command}`").AppendLine();
        md.AppendLine($"Date: {started:yyyy-MM-dd}, {started:HH:mm}–{DateTime.UtcNow:HH:mm} UTC ({took.TotalMinutes:0.0} min). " +
                      $"Load average (1/5/15 min) before: {loadBefore}, after: {Report.LoadAverage()}; other engineers' work on the box shows here.").AppendLine();
        md.AppendLine("Compared, each built `dotnet build silo/Silo.csproj -c Release` in its own git worktree and started by this tool with the same");
        md.AppendLine("arguments, the same seeds and a fresh temporary log:").AppendLine();
        md.AppendLine($"- **old** = {oldCommit} — `{o.CompareDll}`");
        md.AppendLine($"- **new** = {newCommit} — `{o.SiloDll}`").AppendLine();
        md.AppendLine($"Every scenario runs {o.Repeat} round(s) per silo, alternately (old first in one round, new first in the next); with more than one " +
                      "round the table shows the median and every round's value in brackets.").AppendLine();
        AppendMachine(md);
        md.AppendLine("Silo and load tool share the 2 cores; everything on 127.0.0.1. Settings for every silo: `--Halls:IgnoreOpeningHours=true`, " +
                      "`Halls:CopiesPerSeed` for the hall count (10,002 = 3334 copies of each of the 3 seeds), `--Cluster:SiloPort/GatewayPort` free ports " +
                      "(ignored by the old silo), log level Warning.").AppendLine();

        md.AppendLine("## Old against new").AppendLine();
        md.AppendLine("A ratio above 1 means new is bigger; \"worse\" marks a figure more than 10 % worse in the new build (the issue's limit).").AppendLine();
        AppendVersus(md, runs, Old, New, key => Figures(o, f, key.Displays, baselines), verdict: true);
        Report.AppendLeastWork(md, o, runs, leastWork);

        md.AppendLine("## Floors and the 1-hall silo").AppendLine();
        Report.AppendFloors(md, o, f, "Before the scenarios (no silo running):");
        foreach (var (label, b) in baselines) md.AppendLine($"| {label} silo start, 1 hall, empty log | {b.Start:0.00} s, {b.Rss / MiB:0} MiB resident |");
        md.AppendLine();
        Report.AppendFloors(md, o, fAfter, "After the scenarios (drift of the machine during the run):");
        md.AppendLine();

        md.AppendLine("## Every run").AppendLine();
        Report.AppendTables(md, o, f, runs, r => baselines.GetValueOrDefault(r.Silo));
        return md.ToString();
    }

    /// <summary>
    /// A table per scenario: figure, <paramref name="a"/>, <paramref name="b"/>, b/a, (with <paramref name="verdict"/>
    /// "worse" beyond 10 %), the floor and the goal; then the correctness of every run of it.
    /// </summary>
    public static void AppendVersus(StringBuilder md, IReadOnlyList<ScenarioResult> runs, string a, string b,
        Func<(int Halls, int Displays), IEnumerable<Figure>> figures, bool verdict)
    {
        foreach (var scenario in runs.GroupBy(r => (r.Halls, r.Displays)))
        {
            md.AppendLine($"### {scenario.Key.Halls:N0} halls, {scenario.Key.Displays:N0} screens").AppendLine();
            md.AppendLine($"| figure | {a} | {b} | {b}/{a} |{(verdict ? " verdict |" : "")} floor (same run) | goal |")
              .AppendLine($"|---|---:|---:|---:|{(verdict ? "---|" : "")}---|---|");
            foreach (var fig in figures(scenario.Key))
            {
                var (va, vb) = (Values(scenario, a, fig), Values(scenario, b, fig));
                if (va.Count == 0 && vb.Count == 0) continue;
                var (ma, mb) = (Median(va), Median(vb));
                var ratio = ma is double x && mb is double y && x != 0 ? y / x : (double?)null;
                var worse = ratio is double q && (fig.HigherIsBetter ? q < 1 / 1.1 : q > 1.1);
                var better = ratio is double p && (fig.HigherIsBetter ? p > 1.1 : p < 1 / 1.1);
                var judged = ratio is null ? "–" : worse ? $"**worse by {(fig.HigherIsBetter ? 1 / ratio.Value - 1 : ratio.Value - 1):P0}**"
                    : better ? "better" : "within 10 %";
                md.AppendLine($"| {fig.Name} | {Cell(ma, va, fig.Format)} | {Cell(mb, vb, fig.Format)} | {(ratio is double r ? $"{r:0.00}" : "–")} |" +
                              $"{(verdict ? $" {judged} |" : "")} {fig.Floor} | {GoalMet(fig, mb, ratio)} |");
            }
            var correctness = scenario.GroupBy(r => r.Silo).Select(g =>
                $"{g.Key}: {g.Sum(r => r.DoubleCalled)} double-called, {g.Sum(r => r.Lost)} lost, {g.Sum(r => r.MissedDeliveries)} missed / {g.Sum(r => r.ExtraDeliveries)} extra deliveries, " +
                (g.Sum(r => r.AnswerLost) is > 0 and var a ? $"{a} completed whose answer never came back, " : "") +
                (string.Join(" ", g.Select(r => r.ClerkRefused)).Trim() is { Length: > 0 } refused ? $"window answers refused: {refused}, " : "") +
                $"{g.Sum(r => (r.DurabilityChecked ?? 0) - (r.DurabilityMissing ?? 0))}/{g.Sum(r => r.DurabilityChecked ?? 0)} sampled tickets back after the crash, " +
                $"errors: {string.Join(" ", g.Select(r => r.Errors == "" ? "0" : r.Errors))}");
            md.AppendLine().AppendLine($"Correctness: {string.Join("; ", correctness)}.").AppendLine();
            var probe = scenario.FirstOrDefault(r => r.ProbeHall is not null);
            if (probe is not null)
                md.AppendLine($"The crash probe takes one ticket in {probe.ProbeHall} (a staffed hall, {(probe.ProbeHallEvents is long e ? $"{e:N0} events in its log in the first run" : "its log in PostgreSQL")}), " +
                              "polled every 5 ms with one Idempotency-Key until it is answered 2xx.").AppendLine();
        }
    }

    private static string GoalMet(Figure fig, double? value, double? ratio) =>
        fig.Goal == "" ? ""
        : fig.Below is double limit ? value is double v ? $"{fig.Goal}: {(v < limit ? "**met**" : "**missed**")}" : fig.Goal
        : ratio is double r ? $"{fig.Goal}: {((fig.HigherIsBetter ? r >= 1 / 1.1 : r <= 1.1) ? "**met**" : "**missed**")}" : fig.Goal;

    private static List<double> Values(IEnumerable<ScenarioResult> runs, string label, Figure fig) =>
        [.. runs.Where(r => r.Silo == label).Select(fig.Read).OfType<double>().Where(v => !double.IsNaN(v))];

    private static double? Median(List<double> v)
    {
        if (v.Count == 0) return null;
        var s = v.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static string Cell(double? median, List<double> all, string format) => median is not double m ? "–"
        : all.Count > 1 ? $"{m.ToString(format)} [{string.Join(", ", all.Select(x => x.ToString(format)))}]" : m.ToString(format);

    /// <summary>nproc, free -h, dotnet --version, the CPU and OS, as a code block.</summary>
    public static void AppendMachine(StringBuilder md)
    {
        md.AppendLine("Machine:").AppendLine();
        md.AppendLine("```");
        md.AppendLine($"$ nproc\n{Environment.ProcessorCount}");
        md.AppendLine($"$ free -h\n{Run("free", "-h").TrimEnd()}");
        md.AppendLine($"$ dotnet --version\n{Run("dotnet", "--version").TrimEnd()}");
        md.AppendLine($"CPU: {Report.Cpu()}; {RuntimeInformation.OSDescription}; tool on {RuntimeInformation.FrameworkDescription}; log on {Path.GetTempPath()}");
        md.AppendLine("```").AppendLine();
    }

    /// <summary>"a9e0090 (subject)" of the checkout holding the silo project, and whether it has local changes.</summary>
    public static string Commit(string folder)
    {
        var hash = Run("git", "-C", folder, "rev-parse", "--short", "HEAD").Trim();
        if (hash == "") return $"(no git checkout at {folder})";
        var subject = Run("git", "-C", folder, "log", "-1", "--format=%s").Trim();
        var dirty = Run("git", "-C", folder, "status", "--porcelain", "--", ".").Trim() != "" ? ", with uncommitted changes in silo/" : "";
        return $"`{hash}` \"{(subject.Length > 90 ? subject[..90] + "…" : subject)}\"{dirty}";
    }

    private static string Run(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            var output = p.StandardOutput.ReadToEnd();
            p.WaitForExit(10_000);
            return output;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException) { return ""; }
    }
}
