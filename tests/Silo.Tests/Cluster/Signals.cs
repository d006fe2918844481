using System.Runtime.InteropServices;

namespace Queue.Silo.Tests.Cluster;

/// <summary>POSIX signals to a child process: .NET's Process can only SIGKILL, and a cluster test also freezes a silo
/// (SIGSTOP, as a long GC pause or a stalled VM does), wakes it (SIGCONT), and asks nginx or redis-server to stop (SIGTERM).</summary>
public static class Signals
{
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    public static void Send(int pid, int signal)
    {
        if (kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
