using System.Runtime.InteropServices;
using System.Text;

namespace Queue.Load;

/// <summary>The run as a Markdown page for benchmarks/results/: command, machine, floors, figures, targets.</summary>
public static class Report
{
    private const double MiB = 1 << 20;

    public static string Markdown(string command, LoadOptions o, FloorFigures f, SiloBaseline? b, IReadOnlyList<ScenarioResult> runs,
        IReadOnlyList<ScenarioResult> leastWork)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Load run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        md.AppendLine($"Command: `{command}`").AppendLine();
        md.AppendLine($"Machine: {Environment.ProcessorCount} cores (nproc), {Cpu()}, {Meminfo("MemTotal") / MiB / 1024:0} GB RAM, " +
                      $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}. Silo and load tool share the cores; " +
                      $"everything on 127.0.0.1; the log on {Path.GetTempPath()}. " +
                      $"Load average at the end (1/5/15 min): {LoadAverage()}; other work on the machine shows here.").AppendLine();

        AppendFloors(md, o, f, "## Floors (same run, no silo running)");
        if (b is not null) md.AppendLine($"| silo start, 1 hall, empty log | {b.Start:0.00} s, {b.Rss / MiB:0} MiB resident |");
        md.AppendLine();

        AppendLeastWork(md, o, runs, leastWork);
        AppendTables(md, o, f, runs, _ => b);
        md.AppendLine("## Against the targets of issue 6").AppendLine();
        foreach (var line in Targets(o, f, runs)) md.AppendLine($"- {line}");
        return md.ToString();
    }

    /// <summary>The floors table, left open so a caller can add rows.</summary>
    public static void AppendFloors(StringBuilder md, LoadOptions o, FloorFigures f, string title)
    {
        md.AppendLine(title).AppendLine();
        md.AppendLine("| floor | p50 / p99 / p99.9 ms |").AppendLine("|---|---|");
        md.AppendLine($"| loopback HTTP round trip (GET, ticket-sized answer) | {f.HttpRoundTrip.Ms()} |");
        md.AppendLine($"| loopback WebSocket echo (300 B) | {f.WebSocketEcho.Ms()} |");
        md.AppendLine($"| fdatasync of 512 B on the log's disk | {f.DiskSync.Ms()} |");
        md.AppendLine($"| command floor = HTTP + fdatasync | {f.Command.Ms()} |");
        md.AppendLine($"| call floor = WebSocket echo + fdatasync | {f.Call.Ms()} |");
        md.AppendLine($"| trivial loopback POST, closed loop ×{o.Concurrency} | {f.HttpPerSecond:N0} requests/s |");
    }

    /// <summary>
    /// Our figures as ratios to the least-work server's (<see cref="LeastWorkServer"/>) under the same scenario (the same halls
    /// and screens), measured in the same run; its own counts say it met the same checks.
    /// </summary>
    public static void AppendLeastWork(StringBuilder md, LoadOptions o, IReadOnlyList<ScenarioResult> runs, IReadOnlyList<ScenarioResult> leastWork)
    {
        if (leastWork.Count == 0) return;
        var labelled = runs.Any(r => r.Silo != "");
        md.AppendLine("## Against the least-work server (same scenario, same run; an fdatasync per command, one frame per call)").AppendLine();
        md.AppendLine($"{(labelled ? "| silo " : "")}| halls | screens | take-tickets/s: least-work, ours, **ours ÷ least-work** | take-ticket p50 / p99 ms: least-work, ours | " +
                      "call → every screen p50 / p99 ms: least-work, ours, **ours ÷ least-work** | least-work: tickets, calls, double-called, lost, missed deliveries, tool cores |");
        md.AppendLine($"{(labelled ? "|---" : "")}|---:|---:|---|---|---|---|");
        foreach (var ours in runs)
        {
            if (leastWork.FirstOrDefault(l => l.Halls == ours.Halls && l.Displays == ours.Displays) is not { } least) continue;
            var screens = ours.CallToScreens.Count == 0 || least.CallToScreens.Count == 0 ? "–"
                : $"{least.CallToScreens.P50:0.00} / {least.CallToScreens.P99:0.00}, {ours.CallToScreens.P50:0.00} / {ours.CallToScreens.P99:0.00}, " +
                  $"**{ours.CallToScreens.P50 / least.CallToScreens.P50:0.00}× / {ours.CallToScreens.P99 / least.CallToScreens.P99:0.00}×**";
            md.AppendLine($"{(labelled ? $"| {ours.Silo} " : "")}| {ours.Halls:N0} | {ours.Displays:N0} | {least.TicketsPerSecond:N0}, {ours.TicketsPerSecond:N0}, " +
                          $"**{ours.TicketsPerSecond / least.TicketsPerSecond:0.00}×**{(o.Rate > 0 ? " (open loop: offered rate)" : "")} | " +
                          $"{least.TakeTicket.P50:0.00} / {least.TakeTicket.P99:0.00}, {ours.TakeTicket.P50:0.00} / {ours.TakeTicket.P99:0.00} | " +
                          $"{screens} | {least.TicketsOk:N0}, {least.Calls:N0}, {least.DoubleCalled}, {least.Lost}, {least.MissedDeliveries}, {least.ToolCpu / least.LoadSeconds:0.00} |");
        }
        md.AppendLine();
    }

    /// <summary>The two detail tables; with a silo column when the runs name their silo (--compare).</summary>
    public static void AppendTables(StringBuilder md, LoadOptions o, FloorFigures f, IReadOnlyList<ScenarioResult> runs, Func<ScenarioResult, SiloBaseline?> baselineOf)
    {
        var labelled = runs.Any(r => r.Silo != "");
        var (head, rule) = labelled ? ("| silo ", "|---") : ("", "");
        string Cell(ScenarioResult r) => labelled ? $"| {r.Silo} " : "";
        md.AppendLine("## Throughput and latency").AppendLine();
        md.AppendLine($"{head}| halls | screens | take-ticket/s | × trivial POST | take-ticket ms p50 / p99 / p99.9 | × (HTTP + fdatasync) | call-next ms | call → every screen ms | × (WS echo + fdatasync) | cores busy: silo + tool |");
        md.AppendLine($"{rule}|---:|---:|---:|---:|---|---|---|---|---|---|");
        foreach (var r in runs)
            md.AppendLine($"{Cell(r)}| {r.Halls:N0} | {r.Displays:N0} | {r.TicketsPerSecond:N0} | {(o.Rate > 0 ? "– (open loop)" : $"{r.TicketsPerSecond / f.HttpPerSecond:0.00}×")} | {r.TakeTicket.Ms()} | " +
                          $"{r.TakeTicket.Ratio(f.Command)} | {r.CallNext.Ms()} | {r.CallToScreens.Ms()} | {r.CallToScreens.Ratio(f.Call)} | " +
                          $"{(r.SiloCpu is double sc ? $"{sc / r.LoadSeconds:0.00}" : "?")} + {r.ToolCpu / r.LoadSeconds:0.00} |");
        md.AppendLine();

        md.AppendLine("## Correctness, memory, restart").AppendLine();
        md.AppendLine($"{head}| halls | screens | tickets (shed, errors) | calls | double-called | lost | left waiting | missed / extra deliveries (reconnects) | " +
                      "resident: per hall, per screen, after load | restart: ready s (× cold start; loader), first take-ticket answered s, events | acknowledged after crash |");
        md.AppendLine($"{rule}|---:|---:|---|---:|---:|---:|---:|---|---|---|---|");
        foreach (var r in runs)
            md.AppendLine($"{Cell(r)}| {r.Halls:N0} | {r.Displays:N0} | {r.TicketsOk:N0} ({r.Shed:N0}, {(r.Errors == "" ? "0" : r.Errors)}) | {r.Calls:N0} | " +
                          $"{r.DoubleCalled} | {r.Lost} | {r.LeftWaiting} | {r.MissedDeliveries} / {r.ExtraDeliveries} ({r.ScreenReconnects}) | " +
                          $"{Memory(r, baselineOf(r))} | {RestartText(r)} | {(r.DurabilityChecked is int c ? $"{c - r.DurabilityMissing}/{c} sampled" : "–")} |");
        md.AppendLine();
    }

    private static IEnumerable<string> Targets(LoadOptions o, FloorFigures f, IReadOnlyList<ScenarioResult> runs)
    {
        foreach (var r in runs.Where(r => r.Displays >= 1000 && r.CallToScreens.Count > 0))
        {
            var limit = 3 * f.Call.P99;
            yield return $"call → screens p99 at {r.Displays:N0} screens in {Math.Min(r.Halls, r.Displays):N0} hall(s) of {r.Halls:N0}: {r.CallToScreens.P99:0.0} ms " +
                         $"against 3 × (WS echo + fdatasync) = {limit:0.0} ms: {(r.CallToScreens.P99 <= limit ? "met" : $"missed by {r.CallToScreens.P99 / limit:0.0}×")}.";
        }
        foreach (var r in runs.Where(r => r.Halls >= 10_000))
        {
            if (o.Rate == 0) yield return $"durable take-tickets over {r.Halls:N0} halls: {r.TicketsPerSecond:N0}/s against 20,000/s: " +
                         (r.TicketsPerSecond >= 20_000 ? "met." : $"missed by {20_000 / r.TicketsPerSecond:0.0}× (the trivial POST floor here is {f.HttpPerSecond:N0}/s).");
            if (r.RssCold is long cold)
                yield return $"{r.Halls:N0} halls with {r.Displays:N0} screens resident: {cold / MiB:N0} MiB at opening, {r.RssRestart / MiB:N0} MiB rebuilt after this run's " +
                             $"{r.TicketsOk:N0} tickets, against 1 GB (a full day's tickets: see the micro results).";
        }
    }

    private static string Memory(ScenarioResult r, SiloBaseline? b)
    {
        if (r.RssCold is not long cold) return "–";
        // Below 100 halls the difference drowns in GC noise.
        var perHall = b is not null && r.Halls >= 100 ? $"{(cold - b.Rss) / 1024.0 / (r.Halls - 1):N0} KiB" : "–";
        var perScreen = r.Displays > 0 && r.RssDisplays is long d ? $"{(d - cold) / 1024.0 / r.Displays:N0} KiB" : "–";
        return $"{perHall}, {perScreen}, {r.RssLoaded / MiB:N0} MiB";
    }

    private static string RestartText(ScenarioResult r) => r.Restart is double s && r.ColdStart is double c
        ? $"{s:0.00} ({s / c:0.0}×; {(r.RestartLoaderMs is int ms ? $"loader {ms} ms" : "no loader line")}), " +
          $"{(r.FirstCommand is double fc ? $"{fc:0.000} ({r.ProbeAttempts} tries)" : "–")}, {r.EventsReplayed:N0}" : "–";

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static string Cpu() =>
        File.Exists("/proc/cpuinfo") && File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name")) is { } l
            ? l[(l.IndexOf(':') + 1)..].Trim() : RuntimeInformation.ProcessArchitecture.ToString();

    public static double Meminfo(string key) =>
        File.Exists("/proc/meminfo") && File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith(key)) is { } l
            ? double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024 : 0;
}
