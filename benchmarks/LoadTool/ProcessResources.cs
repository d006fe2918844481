using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>What the silo process uses, read from /proc (Linux; no counters tool needed): the report's memory and CPU.</summary>
public static class ProcessResources
{
    /// <summary>Resident memory in bytes (VmRSS).</summary>
    public static long ResidentBytes(this SiloProcess silo)
    {
        foreach (var line in File.ReadLines($"/proc/{silo.Pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    /// <summary>CPU seconds used so far (user + system), from /proc/&lt;pid&gt;/stat.</summary>
    public static double CpuSeconds(this SiloProcess silo)
    {
        var stat = File.ReadAllText($"/proc/{silo.Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) "; field 3 is fields[0]
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in USER_HZ (100 on Linux)
    }
}
