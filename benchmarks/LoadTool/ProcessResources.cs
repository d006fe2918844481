using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>What a process uses, read from /proc (Linux; no counters tool needed): the report's memory and CPU.
/// A process that is gone reads as 0.</summary>
public static class ProcessResources
{
    /// <summary>Resident memory in bytes (VmRSS).</summary>
    public static long ResidentBytes(this SiloProcess silo) => ResidentBytes(silo.Pid);

    /// <summary>CPU seconds used so far (user + system).</summary>
    public static double CpuSeconds(this SiloProcess silo) => CpuSeconds(silo.Pid);

    public static long ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { } // exited (or pid 0: not running)
        return 0;
    }

    /// <summary>
    /// Proportional set size in bytes (Pss from smaps_rollup): resident memory with pages shared between processes split
    /// among them, so the sum over PostgreSQL's backends counts its shared buffers once, not once per backend.
    /// </summary>
    public static long ProportionalBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>From /proc/&lt;pid&gt;/stat: utime + stime in USER_HZ (100 on Linux).</summary>
    public static double CpuSeconds(int pid) =>
        Stat(pid) is { } fields ? (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0 : 0;

    /// <summary><paramref name="pid"/> and all its descendants: PostgreSQL's backends under the postmaster, nginx's worker under its master.</summary>
    public static IReadOnlyList<int> Tree(int pid)
    {
        if (pid <= 0) return [];
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), out var p) && Stat(p) is { } fields && int.TryParse(fields[1], out var parent))
                (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(p);
        var tree = new List<int> { pid };
        for (var i = 0; i < tree.Count; i++)
            if (children.TryGetValue(tree[i], out var kids)) tree.AddRange(kids);
        return tree;
    }

    // The fields after "pid (comm) ": field 3 (state) is [0], ppid [1], utime [11], stime [12].
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException) { return null; }
    }
}
