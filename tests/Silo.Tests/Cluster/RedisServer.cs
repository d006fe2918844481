using System.Diagnostics;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Cluster;

/// <summary>
/// A redis-server of one test's own, on loopback, that the test may stop and start again on the same port: what a
/// cluster lives through when its Redis restarts (an upgrade, a reboot). Unlike the shared one (tests/redis.sh) it keeps
/// its data in an append-only file, as a cluster's Redis must: Orleans' membership table lives there, and a Redis that
/// comes back empty leaves the silos running but unable ever to declare a dead one dead (README "Several silos").
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("queue-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort.Next();
    /// <summary>The StackExchange.Redis connection string for Cluster:Redis.</summary>
    public string Address => $"127.0.0.1:{Port}";
    /// <summary>The server's pid while it runs, else 0, for benchmarks/LoadTool's CPU and memory figures.</summary>
    public int Pid => _process is { HasExited: false } p ? p.Id : 0;

    public static async Task<RedisServer> Start()
    {
        var redis = new RedisServer();
        await redis.StartAgain();
        return redis;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/>, with what it had, and returns once it accepts connections.</summary>
    public async Task StartAgain()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--dir", _folder }) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        _process = process;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        await Wait.Until(() =>
        {
            if (process.HasExited) throw new InvalidOperationException($"redis-server exited:\n{output}");
            lock (output) return output.ToString().Contains("Ready to accept connections");
        }, TimeSpan.FromSeconds(10), $"redis-server to listen on {Port}", () => { lock (output) return output.ToString(); });
    }

    /// <summary>Stops the server as a service manager does (SIGTERM: the append-only file is flushed), and waits until it is gone.</summary>
    public async Task Stop()
    {
        if (_process is not { HasExited: false } p) return;
        Signals.Send(p.Id, Signals.Terminate);
        await p.WaitForExitAsync();
        p.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp anyway */ }
    }
}
