using System.Net;
using System.Reflection;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>What to run; every figure is bounded in count and time so the tool always ends by itself.</summary>
public sealed record LoadOptions
{
    public int[] Halls { get; init; } = [1, 100, 10_000];
    public int[] Displays { get; init; } = [0, 1_000];
    /// <summary>Take-ticket requests per second over all halls; 0 = closed loop, as fast as <see cref="Concurrency"/> kiosks go.</summary>
    public double Rate { get; init; } = 50;
    public int Concurrency { get; init; } = 64;
    /// <summary>Call-next per second over all staffed windows.</summary>
    public double Calls { get; init; } = 25;
    /// <summary>Windows opened in each staffed hall (those serving 综合受理 first).</summary>
    public int Windows { get; init; } = 4;
    public int Seconds { get; init; } = 20;
    /// <summary>A silo already running on loopback: no start, restart or memory figures.</summary>
    public Uri? Target { get; init; }
    /// <summary>The admin's password: the load takes tickets and works windows as the admin. The silos the tool starts
    /// get this one (tests/Support's); a --target silo needs its own.</summary>
    public string AdminPassword { get; init; } = Staff.AdminPassword;
    public string? Out { get; init; }
    public string SiloDll { get; init; } = Metadata("SiloDll");
    public string SiloFolder { get; init; } = Metadata("SiloFolder");
    public string Seeds { get; init; } = Metadata("SeedsFolder");
    /// <summary>A second silo (the baseline) run alternately with <see cref="SiloDll"/>, scenario by scenario, in the same run.</summary>
    public string? CompareDll { get; init; }
    public string CompareFolder { get; init; } = "";
    /// <summary>With --compare: rounds per scenario; the order alternates (old first, then new first, ...).</summary>
    public int Repeat { get; init; } = 1;
    /// <summary>Silos behind nginx (redis-server, PostgreSQL), run alternately with the single silo on SQLite; 0 = no cluster.</summary>
    public int Cluster { get; init; }
    /// <summary>The 8:00 release (issue 15, Booking.cs): this many booking attempts on one hall's next day, then take-tickets
    /// on the same silo; 0 = the usual scenarios.</summary>
    public int Booking { get; init; }

    public const string Usage = """
        queue-load [--halls 1,100,10000] [--displays 0,1000] [--rate 50] [--concurrency 64] [--calls 25]
                   [--windows 4] [--seconds 20] [--target http://127.0.0.1:5000 [--admin-password PASSWORD]] [--out results.md]
                   [--silo path/Queue.Silo.dll] [--seeds path/seeds]
                   [--compare path/baseline/Queue.Silo.dll] [--repeat 1] [--cluster 3] [--booking 5000]
        Every pair of --halls and --displays is one scenario on a fresh silo (temp Storage:Path).
        --rate 0 runs the kiosks closed-loop (--concurrency at a time) to find the throughput.
        The load signs in as admin; a --target silo must be started with the taking and lookup rate limits
        raised (RateLimits:taking:PermitLimit, RateLimits:lookup:PermitLimit), as the tool does for its own.
        --compare runs every scenario on the baseline silo and on --silo alternately (--repeat rounds each,
        the order swapped every round) and writes one table: old, new, new/old, beside the floors.
        --cluster N runs every scenario through nginx on N silos (redis-server, a throwaway PostgreSQL) and on
        the single silo on SQLite, alternately as --compare does, and writes cluster/single with every process's CPU
        and memory; its crash SIGKILLs the silo holding the probe hall. Needs redis-server, nginx, PostgreSQL 15.
        --booking N is the 8:00 release instead: N booking attempts (--concurrency at a time) on one hall's
        newly opened day, checked seat by seat, then take-tickets closed loop for --seconds on the same silo.
        """;

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--halls" => o with { Halls = Ints(Next()) },
                "--displays" => o with { Displays = Ints(Next()) },
                "--rate" => o with { Rate = double.Parse(Next()) },
                "--concurrency" => o with { Concurrency = int.Parse(Next()) },
                "--calls" => o with { Calls = double.Parse(Next()) },
                "--windows" => o with { Windows = int.Parse(Next()) },
                "--seconds" => o with { Seconds = Math.Clamp(int.Parse(Next()), 1, 600) },
                "--target" => o with { Target = Loopback(new Uri(Next())) },
                "--admin-password" => o with { AdminPassword = Next() },
                "--out" => o with { Out = Next() },
                "--silo" => Path.GetFullPath(Next()) is var dll ? o with { SiloDll = dll, SiloFolder = ProjectFolder(dll) } : o,
                "--compare" => Path.GetFullPath(Next()) is var old ? o with { CompareDll = old, CompareFolder = ProjectFolder(old) } : o,
                "--repeat" => o with { Repeat = Math.Clamp(int.Parse(Next()), 1, 5) },
                "--seeds" => o with { Seeds = Path.GetFullPath(Next()) },
                "--cluster" => o with { Cluster = Math.Clamp(int.Parse(Next()), 2, 9) },
                "--booking" => o with { Booking = Math.Clamp(int.Parse(Next()), 1, 100_000) },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
        }
        if (o.CompareDll is not null && o.Target is not null) throw new ArgumentException("--compare starts both silos itself: drop --target.");
        if (o.Booking > 0 && (o.Target is not null || o.CompareDll is not null || o.Cluster > 0)) throw new ArgumentException("--booking starts its own silo: drop --target, --compare and --cluster.");
        if (o.Cluster > 0 && (o.Target is not null || o.CompareDll is not null)) throw new ArgumentException("--cluster starts its silos itself and compares with one: drop --target and --compare.");
        return o;
    }

    /// <summary>The same options, running the baseline silo.</summary>
    public LoadOptions Baseline() => this with { SiloDll = CompareDll!, SiloFolder = CompareFolder, CompareDll = null };

    /// <summary>
    /// The silo's project folder (the one holding Silo.csproj above bin/Release/...): its working folder, so it reads
    /// its own appsettings.json and wwwroot; the dll's folder when there is none.
    /// </summary>
    public static string ProjectFolder(string dll)
    {
        for (var d = new DirectoryInfo(Path.GetDirectoryName(dll)!); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Silo.csproj"))) return d.FullName;
        return Path.GetDirectoryName(dll)!;
    }

    private static int[] Ints(string s) => [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)];

    // Load goes only to this machine: a wrong --target must never hit a real hall.
    private static Uri Loopback(Uri u) =>
        u.IsLoopback && (u.Host == "localhost" || IPAddress.TryParse(u.Host, out _)) ? u
            : throw new ArgumentException($"--target must be a loopback address (127.0.0.1), not {u.Host}.");

    private static string Metadata(string key) =>
        typeof(LoadOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "";
}
