using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Queue.Displays.Tests.Agent;

/// <summary>
/// The real silo as a child process on 127.0.0.1 with its own SQLite file, which can be killed
/// and started again on the same port and file (the hall replays its events).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    readonly string _dataDir = Directory.CreateTempSubdirectory("queue-silo-").FullName;
    readonly StringBuilder _output = new();
    Process? _process;

    public int Port { get; } = FreePort();
    public string Url => $"http://127.0.0.1:{Port}";
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "silo", "Silo.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException("No silo/Silo.csproj above the test folder.");
    }

    static readonly SemaphoreSlim BuildOnce = new(1, 1);
    static string? _built;

    /// <summary>
    /// Builds the silo once per test run, in the tests' configuration. Not a ProjectReference: a silo
    /// that does not compile fails these tests with its compiler output, not every display test.
    /// </summary>
    static async Task<string> BuildAsync()
    {
        await BuildOnce.WaitAsync();
        try
        {
            if (_built is not null) return _built;
            // A silo built elsewhere (e.g. by CI's solution build) can be named instead of built here.
            if (Environment.GetEnvironmentVariable("QUEUE_SILO_DLL") is { Length: > 0 } given) return _built = given;
            string root = RepoRoot();
            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Parent!.Name; // bin/{Configuration}/net10.0/
            var build = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "build", Path.Combine("silo", "Silo.csproj"), "-c", configuration, "--nologo", "-v", "q" })
                build.ArgumentList.Add(arg);
            using var process = Process.Start(build)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0) throw new InvalidOperationException($"The silo does not build:\n{await output}\n{await errors}");
            return _built = Path.Combine(root, "silo", "bin", configuration, "net10.0", "Queue.Silo.dll");
        }
        finally { BuildOnce.Release(); }
    }

    /// <summary>Starts the silo and waits until /healthz answers.</summary>
    public async Task StartAsync()
    {
        string root = RepoRoot();
        string dll = await BuildAsync();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            dll, "--urls", Url, $"--Storage:Path={Path.Combine(_dataDir, "queue.db")}", "--Halls:IgnoreOpeningHours=true",
            "--Logging:LogLevel:Default=Warning",
        }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The silo exited with {process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{Url}/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The silo did not come up:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process at once, as a crash or a pulled plug would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(5000);
        }
        _process?.Dispose();
        _process = null;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
