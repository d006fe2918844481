using Microsoft.Data.Sqlite;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>One process the report measures, with its children (PostgreSQL's backends, nginx's worker); a cluster's
/// silo also says how many halls it has activated.</summary>
public sealed record Part(string Name, bool IsSilo, Func<int> Pid, Func<int>? Halls = null)
{
    /// <summary>VmRSS of a lone process (a silo, as every earlier result measured it); the Pss sum of a process tree.</summary>
    public long Resident() => ProcessResources.Tree(Pid()) is { Count: > 1 } tree
        ? tree.Sum(ProcessResources.ProportionalBytes) : ProcessResources.ResidentBytes(Pid());
    public double Cpu() => ProcessResources.Tree(Pid()).Sum(ProcessResources.CpuSeconds);
}

/// <summary>
/// What a SIGKILL cost: <see cref="FirstCommand"/> is the time until the probe hall's next take-ticket was answered 2xx,
/// from the restarted process's spawn for a lone silo, from the kill itself in a cluster (where nobody restarts it).
/// </summary>
public sealed record Recovery(string What, double FirstCommand, int Attempts, double? Ready = null, double? ReadyCpu = null,
    double? FirstCommandCpu = null, int? LoaderMs = null, long? Events = null, long? ProbeHallEvents = null);

/// <summary>
/// What a scenario runs against: the silo this tool starts on SQLite (<see cref="SingleSilo"/>), a running --target,
/// or silos behind nginx (<see cref="ClusterDeployment"/>, --cluster). Everything it starts, it stops on dispose.
/// </summary>
public abstract class Deployment : IAsyncDisposable
{
    /// <summary>The one address kiosks, clerks and screens are given.</summary>
    public abstract Uri Url { get; }
    /// <summary>Where the tool lists the halls (GET /api/halls, anonymous): a cluster's first silo, past nginx's read timeout.</summary>
    public virtual Uri ListUrl => Url;
    /// <summary>The processes measured; none for a --target.</summary>
    public virtual IReadOnlyList<Part> Parts => [];
    /// <summary>From the spawn until every silo answered /healthz; null for a --target.</summary>
    public double? ColdStart { get; protected set; }

    public abstract Task StartAsync();

    /// <summary>Silos that exited without being killed, with their last lines; "" when none did.</summary>
    public virtual string Unexpected() => "";

    /// <summary>What the silos have written so far (their logs).</summary>
    public virtual string Output => "";

    /// <summary>SIGKILLs the silo holding <paramref name="probeHall"/> and times that hall's next answered command, as the kiosk
    /// <paramref name="probeToken"/> names; null when this deployment cannot be crashed (--target).</summary>
    public abstract Task<Recovery?> CrashAsync(string probeHall, string? probeToken);

    public abstract ValueTask DisposeAsync();

    private IEnumerable<Part> Silos => Parts.Where(p => p.IsSilo);
    public long? SiloResident() => Silos.Any() ? Silos.Sum(p => p.Resident()) : null;
    public double? SiloCpu() => Silos.Any() ? Silos.Sum(p => p.Cpu()) : null;
    public Dictionary<string, long> Resident() => Parts.ToDictionary(p => p.Name, p => p.Resident());
    public Dictionary<string, double> Cpu() => Parts.ToDictionary(p => p.Name, p => p.Cpu());
}

/// <summary>A silo already running on loopback (--target): loaded, never started, crashed or measured.</summary>
public sealed class TargetSilo(Uri url) : Deployment
{
    public override Uri Url => url;
    public override Task StartAsync() => Task.CompletedTask;
    public override Task<Recovery?> CrashAsync(string probeHall, string? probeToken) => Task.FromResult<Recovery?>(null);
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The silo under test as one process on a fresh temporary SQLite log; its crash is a SIGKILL and a restart on the same log.
/// </summary>
public sealed class SingleSilo : Deployment
{
    private readonly LoadOptions _o;
    private readonly string _storage, _seeds;
    private readonly int _copies;
    private SiloProcess _silo;

    public SingleSilo(LoadOptions o, int halls)
    {
        _o = o;
        _storage = Directory.CreateTempSubdirectory("queue-load-").FullName;
        (_seeds, _copies) = Scenario.SeedFolder(o.Seeds, halls, _storage);
        _silo = SiloStart.Silo(o, _storage, _seeds, _copies);
    }

    public override Uri Url => _silo.BaseAddress;
    public override IReadOnlyList<Part> Parts => [new("silo", true, () => _silo.Pid)];
    public override string Output => _silo.Output;

    public override async Task StartAsync()
    {
        Cleanup.Add(this);
        ColdStart = (await SiloStart.MeasureAsync(_silo)).ReadyAfter.TotalSeconds;
    }

    public override async Task<Recovery?> CrashAsync(string probeHall, string? probeToken)
    {
        Console.WriteLine("  crash (SIGKILL) and restart from the log");
        _silo.Kill();
        var db = Path.Combine(_storage, "queue.db");
        var (events, probeEvents) = (CountEvents(db), CountEvents(db, probeHall));
        _silo = SiloStart.Silo(_o, _storage, _seeds, _copies);
        var restart = await SiloStart.MeasureAsync(_silo, probeHall, probeToken);
        Console.WriteLine($"  restarted: ready {restart.ReadyAfter.TotalSeconds:0.000} s, first take-ticket on {probeHall} answered {restart.FirstCommandAfter?.TotalSeconds:0.000} s");
        await Task.Delay(1000);
        return new Recovery("SIGKILL, then the same silo restarted on its log (timed from the restart's spawn)",
            restart.FirstCommandAfter!.Value.TotalSeconds, restart.ProbeAttempts, restart.ReadyAfter.TotalSeconds, restart.ReadyCpu,
            restart.FirstCommandCpu, restart.LoaderMs, events, probeEvents);
    }

    public override async ValueTask DisposeAsync()
    {
        await _silo.DisposeAsync();
        try { Directory.Delete(_storage, recursive: true); } catch (IOException) { /* temp anyway */ }
        Cleanup.Remove(this);
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
}
