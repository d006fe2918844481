using System.Diagnostics;
using System.Net.Sockets;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Cluster;

/// <summary>
/// Debian's nginx in front of a cluster's silos on a free loopback port: the one address a hall's kiosks, screens and
/// clerks are given. Its configuration is silo/nginx.conf, the template silo/cluster.sh fills in the same way.
/// </summary>
public sealed class NginxFront : IAsyncDisposable
{
    /// <summary>nginx on PATH, or where Debian puts it (/usr/sbin is not on an ordinary user's PATH); null when missing.</summary>
    public static string? Binary { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin")
        .Select(dir => Path.Combine(dir, "nginx")).FirstOrDefault(File.Exists);

    private readonly string _folder = Directory.CreateTempSubdirectory("queue-nginx-").FullName;
    private readonly Process _process;

    public int Port { get; } = FreePort.Next();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    /// <summary>The master's pid (its worker is its child), for benchmarks/LoadTool's CPU and memory figures.</summary>
    public int Pid => _process.Id;
    private string ErrorLog => Path.Combine(_folder, "error.log");

    private NginxFront(IEnumerable<int> siloPorts)
    {
        // As root, nginx's worker runs as nobody and keeps its temporary files under the prefix, as in silo/cluster.sh.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        var config = Path.Combine(_folder, "nginx.conf");
        File.WriteAllLines(config, Fill(File.ReadAllLines(Path.Combine(SiloProcess.RepoRoot, "silo", "nginx.conf")), siloPorts));
        // In the foreground, so this process is nginx's master and ends it; -e before the configuration is read.
        var start = new ProcessStartInfo(Binary ?? throw new InvalidOperationException("nginx is not installed (apt-get install nginx)"))
        {
            ArgumentList = { "-p", _folder, "-e", ErrorLog, "-c", config, "-g", "daemon off;" },
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
    }

    /// <summary>Starts nginx for the silos on <paramref name="siloPorts"/> and returns once it accepts connections.</summary>
    public static async Task<NginxFront> Start(IEnumerable<int> siloPorts)
    {
        var front = new NginxFront(siloPorts);
        await Wait.Until(async () =>
        {
            if (front._process.HasExited) throw new InvalidOperationException($"nginx exited: {await front._process.StandardError.ReadToEndAsync()}");
            using var probe = new TcpClient();
            try { await probe.ConnectAsync("127.0.0.1", front.Port); return true; }
            catch (SocketException) { return false; }
        }, TimeSpan.FromSeconds(10), $"nginx to listen on {front.Port}", front.Errors);
        return front;
    }

    /// <summary>silo/nginx.conf with the listen address and the upstream's server line once per silo.</summary>
    private IEnumerable<string> Fill(IEnumerable<string> template, IEnumerable<int> siloPorts) =>
        template.SelectMany(line => line.Contains("@SILO@")
            ? siloPorts.Select(p => line.Replace("@SILO@", $"127.0.0.1:{p}"))
            : [line.Replace("@LISTEN@", $"127.0.0.1:{Port}")]);

    /// <summary>What nginx logged (upstreams it gave up on, and why).</summary>
    public string Errors() => File.Exists(ErrorLog) ? File.ReadAllText(ErrorLog) : "";

    /// <summary>A person signed in through nginx (see <see cref="SiloProcess.Client"/>).</summary>
    public HttpClient Client(string userName = Staff.Admin, TimeSpan? timeout = null) => new(Staff.SignedIn(userName,
        userName == Staff.Admin ? Staff.AdminPassword : Staff.Password, new HttpClientHandler { CookieContainer = new() }))
    {
        BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    /// <summary>A paired device through nginx.</summary>
    public HttpClient DeviceClient(string token, TimeSpan? timeout = null) =>
        new(Staff.AsDevice(token, new HttpClientHandler())) { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, Signals.Terminate);   // its workers leave with it; a SIGKILL would orphan them
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp anyway */ }
    }
}
