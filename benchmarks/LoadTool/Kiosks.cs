using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Queue.Load;

/// <summary>
/// 取号 over all halls, round-robin: open loop at --rate (latency counted from when each request was due, so a
/// slow silo cannot hide its queueing), or closed loop with --concurrency kiosks to find the throughput.
/// </summary>
public sealed class Kiosks(HttpClient silo, IReadOnlyList<string> halls)
{
    private long _next, _ok, _shed;
    private readonly ConcurrentDictionary<string, long> _errors = new();

    public Samples Latency { get; } = new();
    /// <summary>Every acknowledged ticket (201): hall, secret id and number.</summary>
    public ConcurrentQueue<(string Hall, string Id, string Number)> Issued { get; } = new();
    public long Ok => _ok;
    /// <summary>Requests not sent because --concurrency were already waiting (open loop only).</summary>
    public long Shed => _shed;
    public IReadOnlyDictionary<string, long> Errors => _errors;
    public double PerSecond { get; private set; }

    public async Task RunAsync(double rate, int concurrency, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        if (rate > 0) await OpenLoop(rate, concurrency, duration, start);
        else await ClosedLoop(concurrency, duration);
        PerSecond = _ok / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private async Task OpenLoop(double rate, int maxInFlight, TimeSpan duration, long start)
    {
        var total = (long)(rate * duration.TotalSeconds);
        var inFlight = 0;
        var sent = new List<Task>();
        for (long i = 0; i < total; i++)
        {
            var due = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            if (Volatile.Read(ref inFlight) >= maxInFlight) { _shed++; continue; }
            Interlocked.Increment(ref inFlight);
            sent.Add(Task.Run(async () =>
            {
                try { await IssueOne(due); }
                finally { Interlocked.Decrement(ref inFlight); }
            }));
        }
        await Task.WhenAll(sent);
    }

    private Task ClosedLoop(int concurrency, TimeSpan duration)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end) await IssueOne(Stopwatch.GetTimestamp());
        }));
    }

    private async Task IssueOne(long due)
    {
        var hall = halls[(int)(Interlocked.Increment(ref _next) % halls.Count)];
        try
        {
            var r = await silo.TakeGeneral(hall);
            Latency.AddSince(due);
            if (r.Status == HttpStatusCode.Created && r.Ticket is { } t)
            {
                Interlocked.Increment(ref _ok);
                Issued.Enqueue((hall, t.Id!, t.Number));
            }
            else _errors.AddOrUpdate(((int)r.Status).ToString(), 1, (_, n) => n + 1);
        }
        catch (Exception e)
        {
            _errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
        }
    }
}
