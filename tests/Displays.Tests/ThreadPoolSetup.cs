using System.Runtime.CompilerServices;

namespace Queue.Displays.Tests;

static class ThreadPoolSetup
{
    /// <summary>
    /// Queue.Serial waits with poll(2) on pool threads; fake panels, drivers and the Kestrel hubs
    /// of these tests run at once on 2 cores, and a starved pool stalls writes for seconds.
    /// </summary>
    [ModuleInitializer]
    internal static void Widen()
    {
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));
    }
}
