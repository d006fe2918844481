using System.Collections.Concurrent;
using System.Diagnostics;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Printing;

/// <summary>`dotnet queue-printer.dll agent …` as installers run it, from this test's output folder; killed by its own id.</summary>
public sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private AgentProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _lines);

    public static AgentProcess Start(params string[] args) => Start(PrinterToolProcess.StartInfo(["agent", .. args]));

    /// <summary>The agent with its token in QUEUE_DEVICE_TOKEN, as a systemd unit's EnvironmentFile gives it.</summary>
    public static AgentProcess StartWithEnvironmentToken(string token, params string[] args)
    {
        var start = PrinterToolProcess.StartInfo(["agent", .. args]);
        start.Environment["QUEUE_DEVICE_TOKEN"] = token;
        return Start(start);
    }

    private static AgentProcess Start(ProcessStartInfo start)
    {
        var agent = new AgentProcess(Process.Start(start)!);
        agent._process.OutputDataReceived += (_, e) => { if (e.Data is { } line) agent._lines.Enqueue(line); };
        agent._process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) agent._lines.Enqueue("stderr: " + line); };
        agent._process.BeginOutputReadLine();
        agent._process.BeginErrorReadLine();
        return agent;
    }

    public Task WaitForLine(string part, double seconds = 15) =>
        Wait.Until(() => _process.HasExited
                ? throw new InvalidOperationException($"The agent exited with {_process.ExitCode}:\n{Output}")
                : _lines.Any(l => l.Contains(part, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(seconds), $"the agent to log '{part}'", () => Output);

    /// <summary>SIGKILL, like a kiosk computer switched off: no goodbye to the silo.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
