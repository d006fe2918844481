using System.Collections.Concurrent;
using System.Diagnostics;
using Queue.Silo.Tests.Cluster;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>
/// --cluster N: what silo/cluster.sh starts, on free loopback ports, built from the cluster tests' own parts
/// (<see cref="RedisServer"/>, <see cref="NginxFront"/> on silo/nginx.conf) and tests/postgres.sh: redis-server
/// (membership, hub backplane), a throwaway PostgreSQL cluster run as the postgres user (the shared log), N silos with
/// the load's rate-limit lifts and nginx as their trusted proxy, and nginx in front: the one address the load is given.
/// Its crash SIGKILLs the silo that holds the probe hall (named by the silos' own "Hall … activated" lines) and times
/// that hall's next command through nginx; nothing is restarted.
/// </summary>
public sealed class ClusterDeployment : Deployment
{
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(60); // the probe's bound; the goal is 5 s

    private readonly LoadOptions _o;
    private readonly int _count;
    private readonly string _folder, _seeds;
    private readonly int _copies;
    private readonly List<SiloProcess> _silos = [];
    // Which silo last activated each hall, and how many each has activated.
    private readonly ConcurrentDictionary<string, int> _holder = new();
    private readonly int[] _activated;
    private RedisServer? _redis;
    private NginxFront? _front;
    private bool _postgresStarted;
    private int _killed = -1;

    public ClusterDeployment(LoadOptions o, int halls, int count)
    {
        (_o, _count, _activated) = (o, count, new int[count]);
        _folder = Directory.CreateTempSubdirectory("queue-load-cluster-").FullName;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101); // PostgreSQL runs as postgres and must reach its folder
        (_seeds, _copies) = Scenario.SeedFolder(o.Seeds, halls, _folder);
    }

    public override Uri Url => _front?.BaseAddress ?? throw new InvalidOperationException("The cluster is not started.");
    /// <summary>The first silo left, directly: listing every hall outlasts nginx's 7 s read timeout.</summary>
    public override Uri ListUrl => _silos.First(s => !s.HasExited).BaseAddress;
    private string PostgresFolder => Path.Combine(_folder, "pg");

    public override IReadOnlyList<Part> Parts =>
    [
        .. _silos.Select((s, i) => new Part($"silo {i + 1}", true, () => s.Pid, () => Activated(i))),
        new("nginx", false, () => _front?.Pid ?? 0),
        new("redis", false, () => _redis?.Pid ?? 0),
        new("postgres", false, PostmasterPid),
    ];

    public override string Output => string.Join("\n", _silos.Select(s => s.Output));

    /// <summary>How many halls silo <paramref name="index"/> has activated so far.</summary>
    public int Activated(int index) => Volatile.Read(ref _activated[index]);

    public override async Task StartAsync()
    {
        Cleanup.Add(this);
        _redis = await RedisServer.Start();
        // PostgreSQL allows 100 connections; Npgsql pools up to 100 per silo, and a burst of activations (the first listing)
        // takes them all: with 3 silos the server refused "53300: sorry, too many clients already" and halls failed to
        // activate. Each silo gets its share, as a deployment must set it (benchmarks/README.md).
        var postgres = $"{await StartPostgresAsync()};Maximum Pool Size={90 / _count}";
        Console.WriteLine($"  redis-server on {_redis.Address}, PostgreSQL in {PostgresFolder}; starting {_count} silos");
        string[] settings =
        [
            $"--Cluster:Redis={_redis.Address}", $"--Cluster:Id=load-{Guid.NewGuid():N}", $"--Storage:Postgres={postgres}",
            "--Security:TrustedProxies:0=127.0.0.1",
            "--Logging:LogLevel:Queue.Silo.Grains.HallGrain=Information", // HallLog.Activated: who holds which hall
        ];
        for (var i = 0; i < _count; i++)
        {
            var silo = SiloStart.Silo(_o, Directory.CreateDirectory(Path.Combine(_folder, $"silo{i + 1}")).FullName, _seeds, _copies, settings);
            var index = i;
            silo.Line += line => Heard(index, line);
            _silos.Add(silo);
        }
        var starts = await Task.WhenAll(_silos.Select(s => SiloStart.MeasureAsync(s)));
        ColdStart = starts.Max(s => s.ReadyAfter.TotalSeconds);
        _front = await NginxFront.Start(_silos.Select(s => s.Port));
    }

    public override async Task<Recovery?> CrashAsync(string probeHall, string? probeToken)
    {
        if (!_holder.TryGetValue(probeHall, out var victim))
            throw new InvalidOperationException($"No silo said it activated {probeHall}; is HallLog.Activated still logged at Information?");
        var held = Activated(victim);
        Console.WriteLine($"  SIGKILL silo {victim + 1} of {_count} (it holds {probeHall} and {held - 1:N0} other halls); its next take-ticket through nginx");
        var clock = Stopwatch.StartNew();
        _killed = victim;
        _silos[victim].Kill();
        var attempts = await SiloStart.TakeUntilAnsweredAsync(Url, probeHall, probeToken, Failover, _front!.Errors);
        var after = clock.Elapsed.TotalSeconds;
        var now = _holder.TryGetValue(probeHall, out var h) && h != victim ? $"silo {h + 1}" : "a survivor";
        Console.WriteLine($"  {probeHall} answered through nginx {after:0.000} s after the SIGKILL ({attempts} tries), reactivated on {now}");
        await Task.Delay(1000);
        return new Recovery($"SIGKILL of silo {victim + 1} of {_count}, which held {probeHall} and {held:N0} halls in all; {probeHall} reactivated on {now}; " +
                            "timed from the kill, nobody restarts the silo" + Unexpected(), after, attempts);
    }

    /// <summary>Silos that exited without being killed (declared dead by the others on a starved box, say), with their last words.</summary>
    public override string Unexpected() => string.Concat(_silos.Select((s, i) => (s, i)).Where(x => x.i != _killed && x.s.HasExited)
        .Select(x => $". Silo {x.i + 1} exited by itself; its last lines: " +
                     string.Join(" ", x.s.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())
                         .Where(l => !l.StartsWith("Hall ", StringComparison.Ordinal)).TakeLast(6))));

    // HallLog.Activated: "Hall {Hall} activated at seq {Seq} in {Ms} ms" (the console logger puts the message on its own line).
    private void Heard(int silo, string line)
    {
        if (line.TrimStart().Split(' ') is ["Hall", var hall, "activated", "at", "seq", ..])
        {
            _holder[hall] = silo;
            Interlocked.Increment(ref _activated[silo]);
        }
    }

    private async Task<string> StartPostgresAsync()
    {
        _postgresStarted = true;
        var (code, output) = await PostgresScript("start");
        if (code != 0) throw new InvalidOperationException($"tests/postgres.sh start failed ({code}):\n{output}");
        return output.Trim().Split('\n')[^1]; // the connection string is its last line
    }

    private async Task<(int Code, string Output)> PostgresScript(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(SiloProcess.RepoRoot, "tests", "postgres.sh"), command, PostgresFolder }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var (stdout, stderr) = (p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try { await p.WaitForExitAsync(bound.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); return (-1, "tests/postgres.sh took over 2 minutes"); }
        return (p.ExitCode, await stdout + await stderr);
    }

    private int PostmasterPid()
    {
        var file = Path.Combine(PostgresFolder, "data", "postmaster.pid");
        try { return File.Exists(file) && int.TryParse(File.ReadLines(file).First(), out var pid) ? pid : 0; }
        catch (IOException) { return 0; }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_front is not null) await _front.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgresStarted) await PostgresScript("stop");
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp anyway */ }
        Cleanup.Remove(this);
    }
}
