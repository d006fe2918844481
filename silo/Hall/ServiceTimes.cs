namespace Queue.Hall;

/// <summary>The last few service durations of a category: recent enough to follow the day, cheap to keep.</summary>
public sealed class ServiceTimes
{
    public const int Kept = 20;
    private readonly double[] _seconds = new double[Kept];
    private int _next;

    public int Count { get; private set; }
    public double Mean { get; private set; }

    public void Add(double seconds)
    {
        _seconds[_next] = Math.Max(0, seconds);
        _next = (_next + 1) % Kept;
        if (Count < Kept) Count++;
        double sum = 0;
        for (var i = 0; i < Count; i++) sum += _seconds[i];
        Mean = sum / Count;
    }

    public double[] ToArray() => _seconds[..Count];
}
