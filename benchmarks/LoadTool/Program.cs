using Queue.Load;

// queue-load: plays kiosks, clerks and screens against a silo over loopback HTTP and WebSockets (issue 6).
// Every figure is printed beside the floor measured in the same run; see benchmarks/README.md.
LoadOptions o;
try { o = LoadOptions.Parse(args); }
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var command = "queue-load " + string.Join(' ', args);
Cleanup.OnSignals();
if (o.Booking > 0)
{
    var page = await Booking.RunAsync(o, command); // the 8:00 release (issue 15)
    Console.WriteLine();
    Console.WriteLine(page);
    if (o.Out is { } to) await File.WriteAllTextAsync(to, page);
    return 0;
}
if (o.CompareDll is not null || o.Cluster > 0)
{
    // Two silos, alternately, in one run (issue 9: Compare.cs); a cluster and one silo, alternately (issue 11: ClusterRun.cs).
    var table = o.Cluster > 0 ? await ClusterRun.RunAsync(o, command) : await Compare.RunAsync(o, command);
    Console.WriteLine();
    Console.WriteLine(table);
    if (o.Out is { } to) await File.WriteAllTextAsync(to, table);
    return 0;
}
Console.WriteLine($"{command}\nfloors: loopback HTTP, WebSocket echo, fdatasync, trivial POST throughput");
var floors = await Floors.MeasureAsync(Path.GetTempPath(), o.Concurrency);
SiloBaseline? baseline = null;
if (o.Target is null)
{
    Console.WriteLine("baseline: 1-hall silo on an empty log");
    baseline = await Scenario.BaselineAsync(o);
}

var (runs, leastWork) = (new List<ScenarioResult>(), new List<ScenarioResult>());
foreach (var halls in o.Target is null ? o.Halls : [0])
    foreach (var displays in o.Displays)
    {
        // The least-work server first (issue 16), with no silo running: the same scenario on as many halls as the silo hosts.
        if (o.Target is null)
        {
            Console.WriteLine($"least-work server: {halls:N0} halls, {displays:N0} screens");
            leastWork.Add(await Scenario.RunAsync(o, new LeastWorkServer(o, halls), displays, LeastWorkServer.Label));
        }
        Console.WriteLine($"scenario: {(o.Target is null ? halls.ToString("N0") : "all")} halls, {displays:N0} screens");
        runs.Add(await Scenario.RunAsync(o, halls, displays));
    }

var report = Report.Markdown(command, o, floors, baseline, runs, leastWork);
Console.WriteLine();
Console.WriteLine(report);
if (o.Out is { } path) await File.WriteAllTextAsync(path, report);
return 0;
