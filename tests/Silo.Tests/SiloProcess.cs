using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Queue.Silo.Tests;

/// <summary>The silo as a real child process on a loopback port, so a test can kill it like a power cut.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    public Uri BaseAddress { get; }

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public static async Task<SiloProcess> Start(string databasePath, int? port = null, params string[] extraArgs)
    {
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Queue.Silo.dll"), "--urls", url, "--Storage:Path", databasePath,
                     "--Halls:Seeds", SeedsFolder(), "--Halls:IgnoreOpeningHours", "true", "--Logging:LogLevel:Default", "Warning" }.Concat(extraArgs))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var silo = new SiloProcess(process, new Uri(url));
        await silo.WaitHealthy(TimeSpan.FromSeconds(30));
        return silo;
    }

    public int Pid => _process.Id;
    public int Port => BaseAddress.Port;

    /// <summary>SIGKILL: no shutdown hooks, no flushing; only what was durable survives.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private async Task WaitHealthy(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} while starting.");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The silo at {BaseAddress} was not healthy within {limit.TotalSeconds} s.");
    }

    /// <summary>The repository's seeds/ folder, found above the test's output folder.</summary>
    public static string SeedsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "seeds", "xuanen.hall.json"))) return Path.Combine(dir.FullName, "seeds");
        throw new DirectoryNotFoundException("seeds/ was not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
