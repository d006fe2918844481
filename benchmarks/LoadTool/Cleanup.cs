using System.Runtime.InteropServices;

namespace Queue.Load;

/// <summary>
/// Whatever the tool has started and not yet stopped (silos, and with --cluster redis-server, PostgreSQL and nginx):
/// on Ctrl-C, SIGTERM or SIGHUP it is all stopped before the tool exits, so no process or temporary cluster outlives
/// it. Errors need nothing from here: every scenario disposes what it started in a finally.
/// </summary>
public static class Cleanup
{
    private static readonly List<IAsyncDisposable> Running = [];
    private static readonly List<PosixSignalRegistration> Signals = [];

    /// <summary>Stops everything still running on these signals, then exits with 130 (as a shell reports Ctrl-C).</summary>
    public static void OnSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            Signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Console.Error.WriteLine($"{context.Signal}: stopping what the tool started");
                StopAll();
                Environment.Exit(130);
            }));
    }

    public static void Add(IAsyncDisposable started)
    {
        lock (Running) Running.Add(started);
    }

    public static void Remove(IAsyncDisposable stopped)
    {
        lock (Running) Running.Remove(stopped);
    }

    private static void StopAll()
    {
        IAsyncDisposable[] all;
        lock (Running) all = [.. Running];
        foreach (var started in all.Reverse())
            try { started.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30)); }
            catch (Exception e) { Console.Error.WriteLine($"stopping {started.GetType().Name}: {e.Message}"); }
    }
}
