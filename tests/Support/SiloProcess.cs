using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;

namespace Queue.Tests.Support;

/// <summary>
/// The real silo as a child process on 127.0.0.1, with its own SQLite file. It can be killed like a
/// pulled plug and started again on the same port and file, where every hall replays its events.
/// </summary>
public sealed class SiloProcess(string? dataDirectory = null, int? port = null) : IAsyncDisposable
{
    private readonly bool _ownsData = dataDirectory is null;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public static string RepoRoot { get; } = FindRepoRoot();
    public static string SeedsFolder => Path.Combine(RepoRoot, "seeds");

    public string DataDirectory { get; } = dataDirectory ?? Directory.CreateTempSubdirectory("queue-silo-").FullName;
    public string DatabasePath => Path.Combine(DataDirectory, "queue.db");
    public int Port { get; } = port ?? FreePort.Next();
    public string Url => $"http://127.0.0.1:{Port}";
    public Uri BaseAddress => new(Url);
    public int Pid => _process?.Id ?? 0;
    public string Output { get { lock (_output) return _output.ToString(); } }
    /// <summary>How long a start may take until /healthz answers (60 s; a tool loading thousands of halls sets more).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>How often /healthz is asked during a start (50 ms; a tool timing the start asks more often).</summary>
    public TimeSpan ReadyPoll { get; init; } = TimeSpan.FromMilliseconds(50);
    /// <summary>The silo build to run: the one built with this project unless a tool compares another build.</summary>
    public string SiloDll { get; init; } = BuiltSiloDll();
    /// <summary>Its working folder, the content root (appsettings.json, wwwroot, node_modules): the repository's silo/.</summary>
    public string WorkingDirectory { get; init; } = Path.Combine(RepoRoot, "silo");
    /// <summary>The seed halls it loads: the repository's seeds/ unless a tool prepares its own.</summary>
    public string Seeds { get; init; } = SeedsFolder;
    /// <summary>A command the silo runs under, e.g. <c>unshare --net …</c>: it execs "dotnet Queue.Silo.dll …" given as its last arguments.</summary>
    public IReadOnlyList<string> Launcher { get; init; } = [];
    /// <summary>Environment variables set for the silo on top of ours (e.g. ASPNETCORE_ENVIRONMENT).</summary>
    public Dictionary<string, string> Environment { get; } = [];
    /// <summary>Command-line settings after ours, on every start (a later setting of the same key wins).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
    /// <summary>True when no silo runs (not started, killed, or exited by itself).</summary>
    public bool HasExited => _process?.HasExited ?? true;
    /// <summary>Each line the silo writes (stdout and stderr), as it comes, e.g. for a tool that reads the loader's timing.</summary>
    public event Action<string>? Line;

    /// <summary>
    /// Starts the silo (seed halls, opening hours ignored) and waits until /healthz answers. The process is spawned
    /// before the first await, so a caller may time or probe the start from the moment this returns its task.
    /// </summary>
    public async Task StartAsync(params string[] extraArgs)
    {
        if (!File.Exists(SiloDll)) throw new FileNotFoundException($"{SiloDll} does not exist; build the solution (or that silo) first.");
        var command = Launcher.Append(DotNet.Host).ToList();   // a launcher execs dotnet with what follows
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in Environment) start.Environment[name] = value;
        foreach (var arg in command.Skip(1)) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { SiloDll, "--urls", Url, $"--Storage:Path={DatabasePath}", $"--Halls:Seeds={Seeds}",
                     "--Halls:IgnoreOpeningHours=true", "--Logging:LogLevel:Default=Warning", Staff.AdminSetting,
                     $"--Cluster:SiloPort={FreePort.Next()}", $"--Cluster:GatewayPort={FreePort.Next()}" }.Concat(Arguments).Concat(extraArgs))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Heard(e.Data);
        process.ErrorDataReceived += (_, e) => Heard(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Wait.Until(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The silo exited with {process.ExitCode}:\n{Output}");
            try { return (await http.GetAsync($"{Url}/healthz")).StatusCode == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, ReadyTimeout, $"the silo to answer {Url}/healthz", () => Output, ReadyPoll);
    }

    /// <summary>An HttpClient on this silo (10 s per call) for <see cref="HallApi"/>'s calls, signed in as the admin
    /// (or as <paramref name="userName"/>, whose password is <see cref="Staff.Password"/>); the caller disposes it.</summary>
    public HttpClient Client(string userName = Staff.Admin) => new(Staff.SignedIn(userName,
        userName == Staff.Admin ? Staff.AdminPassword : Staff.Password, new HttpClientHandler { CookieContainer = new() }))
    {
        BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>An HttpClient speaking as a paired device.</summary>
    public HttpClient DeviceClient(string token) =>
        new(Staff.AsDevice(token, new HttpClientHandler())) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>An HttpClient that is nobody: a resident's phone, or someone probing the hall network.</summary>
    public HttpClient AnonymousClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    private void Heard(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        Line?.Invoke(line);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was durable survives.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        if (_ownsData)
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { /* temp anyway */ }
        return ValueTask.CompletedTask;
    }

    /// <summary>The silo built in the same configuration as the tests (the ProjectReference builds it first).</summary>
    public static string BuiltSiloDll()
    {
        var configuration = typeof(SiloProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return Path.Combine(RepoRoot, "silo", "bin", configuration, "net10.0", "Queue.Silo.dll");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "silo", "Silo.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException("No silo/Silo.csproj above " + AppContext.BaseDirectory);
    }
}
