using System.Collections.Concurrent;

namespace Queue.Devices;

/// <summary>
/// One owner per device inside this process. TIOCEXCL does not stop a second open by root, and two
/// writers interleaving on one printer or RS-485 bus corrupt both jobs, so we refuse the second open here.
/// </summary>
internal sealed class PortClaim : IDisposable
{
    private static readonly ConcurrentDictionary<string, PortClaim> Held = new();
    private readonly string _key;
    private int _released;

    private PortClaim(string key) => _key = key;

    public static PortClaim Take(string devicePath)
    {
        var key = RealPath(devicePath);
        var claim = new PortClaim(key);
        if (!Held.TryAdd(key, claim))
            throw new IOException($"{devicePath} is already open in this process; share the one link instead of opening it twice.");
        return claim;
    }

    /// <summary>/dev/serial/by-id/… and socat links are symlinks: key by the final device.</summary>
    private static string RealPath(string path)
    {
        try { return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path); }
        catch (IOException) { return Path.GetFullPath(path); }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) Held.TryRemove(new(_key, this));
    }
}
