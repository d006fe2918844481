using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Queue.Load;

/// <summary>
/// The silo as a child process (`dotnet Queue.Silo.dll`) on a free loopback port, with its log in a folder of
/// ours. Ready means /healthz answers 200. The pre-Orleans silo rebuilt every hall before Kestrel listened; the
/// Orleans silo listens at once and activates a hall on its first use, so "ready" no longer means "answers commands":
/// with a probe hall, the time until a take-ticket there is answered 2xx is measured too, from the same spawn.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _tail = [];

    private SiloProcess(Process process, Uri url) => (_process, Url) = (process, url);

    public Uri Url { get; }
    public int Pid => _process.Id;
    /// <summary>From process start to the first healthy answer.</summary>
    public TimeSpan ReadyAfter { get; private set; }
    /// <summary>From process start to the first take-ticket on the probe hall answered 2xx (null without a probe).</summary>
    public TimeSpan? FirstCommandAfter { get; private set; }
    /// <summary>CPU seconds the silo had used when /healthz first answered, and when the probe was first answered.</summary>
    public double? ReadyCpu { get; private set; }
    public double? FirstCommandCpu { get; private set; }
    /// <summary>Take-ticket attempts the probe sent before the first 2xx (refused connections included).</summary>
    public int ProbeAttempts { get; private set; }
    /// <summary>The silo's own "Loaded N halls in X ms" figure; only the pre-Orleans silo logs it.</summary>
    public int? LoaderMs { get; private set; }

    /// <summary>
    /// Starts the silo and waits until /healthz answers; with <paramref name="probeHall"/>, also until a take-ticket
    /// there is answered 2xx, polled concurrently from the moment the process is spawned.
    /// </summary>
    public static async Task<SiloProcess> StartAsync(LoadOptions o, string storage, string seeds, int copiesPerSeed, string? probeHall = null)
    {
        if (!File.Exists(o.SiloDll)) throw new FileNotFoundException($"No silo at '{o.SiloDll}': build benchmarks/LoadTool, or pass --silo.");
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory.Exists(o.SiloFolder) ? o.SiloFolder : Path.GetDirectoryName(o.SiloDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[]
        {
            o.SiloDll, "--urls", url.ToString(), "--Storage:Path", Path.Combine(storage, "queue.db"), "--Halls:Seeds", seeds,
            "--Halls:IgnoreOpeningHours=true", $"--Halls:CopiesPerSeed={copiesPerSeed}",
            $"--Cluster:SiloPort={FreePort()}", $"--Cluster:GatewayPort={FreePort()}", // ignored by a pre-Orleans silo
            // Quiet, but keep the loader's timing line.
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Queue.Silo.Halls.HallLoader=Information",
        }) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var clock = Stopwatch.StartNew();
        var silo = new SiloProcess(Process.Start(start)!, url);
        silo._process.OutputDataReceived += (_, e) => silo.Log(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Log(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var limit = TimeSpan.FromMinutes(10);
        await Task.WhenAll(
            Task.Run(async () => { await silo.WaitReadyAsync(limit); silo.ReadyAfter = clock.Elapsed; silo.ReadyCpu = silo.CpuSeconds(); }),
            probeHall is null ? Task.CompletedTask
                : Task.Run(async () =>
                {
                    await silo.WaitFirstCommandAsync(probeHall, limit);
                    silo.FirstCommandAfter = clock.Elapsed;
                    silo.FirstCommandCpu = silo.CpuSeconds();
                }));
        return silo;
    }

    /// <summary>Resident memory of the silo process in bytes, from /proc (no counters tool needed).</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    /// <summary>CPU seconds the silo has used (user + system), from /proc/&lt;pid&gt;/stat.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) "; field 3 is fields[0]
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in USER_HZ (100 on Linux)
    }

    /// <summary>SIGKILL: a crash, so the restart proves what was acknowledged is durable.</summary>
    public async Task CrashAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public string Tail()
    {
        lock (_tail) return string.Join('\n', _tail);
    }

    private async Task WaitReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Tail()}");
            try
            {
                using var r = await http.GetAsync("/healthz");
                if (r.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { }
            await Task.Delay(5);
        }
        throw new TimeoutException($"The silo was not ready after {limit}:\n{Tail()}");
    }

    // One take-ticket, retried with the same Idempotency-Key until it is answered 2xx: refused connections (not
    // listening yet) and non-2xx answers (still starting) are retried every 5 ms; a request in flight is waited for.
    private async Task WaitFirstCommandAsync(string hallId, TimeSpan limit)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        var key = Guid.NewGuid().ToString("N");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{Tail()}");
            ProbeAttempts++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/halls/{hallId}/tickets")
                {
                    Content = new StringContent("{\"categoryCode\":\"general\",\"kioskId\":\"probe\"}", System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", key);
                using var r = await http.SendAsync(request);
                if (r.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { }
            await Task.Delay(5);
        }
        throw new TimeoutException($"No take-ticket on {hallId} was answered after {limit}:\n{Tail()}");
    }

    private void Log(string? line)
    {
        if (line is null) return;
        if (LoadedLine().Match(line) is { Success: true } m) LoaderMs = int.Parse(m.Groups[1].Value);
        lock (_tail)
        {
            _tail.Add(line);
            if (_tail.Count > 40) _tail.RemoveAt(0);
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Loaded \d+ halls .* in (\d+) ms")]
    private static partial Regex LoadedLine();

    public async ValueTask DisposeAsync()
    {
        await CrashAsync();
        _process.Dispose();
    }
}
