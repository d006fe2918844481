using System.Diagnostics;

namespace Queue.Load;

/// <summary>Latency samples in Stopwatch ticks, safe to add from many threads; percentiles in milliseconds.</summary>
public sealed class Samples
{
    private readonly List<long> _ticks = [];

    public void Add(long ticks)
    {
        lock (_ticks) _ticks.Add(ticks);
    }

    public void AddSince(long startTimestamp) => Add(Stopwatch.GetTimestamp() - startTimestamp);

    public int Count
    {
        get { lock (_ticks) return _ticks.Count; }
    }

    public Percentiles Summary()
    {
        long[] sorted;
        lock (_ticks) sorted = [.. _ticks];
        Array.Sort(sorted);
        double At(double p) => sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);
        return new Percentiles(sorted.Length, At(0.50), At(0.99), At(0.999));
    }

    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>p50, p99 and p99.9 in milliseconds; p99.9 is only shown when there are at least 1000 samples.</summary>
public sealed record Percentiles(int Count, double P50, double P99, double P999)
{
    public static Percentiles operator +(Percentiles a, Percentiles b) => new(Math.Min(a.Count, b.Count), a.P50 + b.P50, a.P99 + b.P99, a.P999 + b.P999);

    public string Ms() => Count == 0 ? "–" : $"{P50:0.00} / {P99:0.00} / {(Count >= 1000 ? P999.ToString("0.00") : "–")}";

    /// <summary>Each percentile as a multiple of the floor's same percentile.</summary>
    public string Ratio(Percentiles floor) => Count == 0 ? "–"
        : $"{P50 / floor.P50:0.0}× / {P99 / floor.P99:0.0}× / {(Count >= 1000 ? (P999 / floor.P999).ToString("0.0") + "×" : "–")}";
}
