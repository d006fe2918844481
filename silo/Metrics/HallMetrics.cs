using System.Diagnostics.Metrics;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;

namespace Queue.Silo.Metrics;

/// <summary>
/// 运行指标: what an operator graphs for a hall server. Numbers taken and calls per hall, how long residents waited
/// until they were called, and how long a command waits for its events to be on disk. Counted from committed events
/// only (a replay at start counts nothing again); exported at /metrics by <see cref="MetricsSetup"/>.
/// </summary>
public sealed class HallMetrics : IHallListener
{
    public const string MeterName = "Queue.Silo";
    private readonly Counter<long> _issued;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _append;

    public HallMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _issued = meter.CreateCounter<long>("queue.tickets.issued", "{ticket}", "取号: numbers taken");
        _calls = meter.CreateCounter<long>("queue.calls", "{call}", "叫号: calls at windows, recalls included (recall=true)");
        // Halls promise waits in minutes: buckets from half a minute to two hours.
        _wait = meter.CreateHistogram("queue.wait.duration", "s", "等候: from taking the number to its call at the first step",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200] });
        // An append is one fsync or one PostgreSQL round trip shared with the other halls' (group commit): milliseconds.
        _append = meter.CreateHistogram("queue.store.append.duration", "s", "事件写入: from a hall's append to its events being durable",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] });
    }

    public void Appending(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now, Task durable)
    {
        var at = new KeyValuePair<string, object?>("hall", hall.Config.Id);
        foreach (var e in events)
        {
            switch (e)
            {
                case TicketIssued:
                    durable.Then(() => _issued.Add(1, at));
                    break;
                case TicketCalled c:
                    durable.Then(() => _calls.Add(1, at, new("recall", false)));
                    // A route's later step (出件) queued after service, not since the number was taken; a remote one since it arrived.
                    if (hall.TicketById(c.TicketId) is { Step: 0 } t)
                    {
                        var waited = (c.At - (t.ArrivedAt ?? t.IssuedAt)).TotalSeconds;
                        durable.Then(() => _wait.Record(waited, at));
                    }
                    break;
                case TicketRecalled:
                    durable.Then(() => _calls.Add(1, at, new("recall", true)));
                    break;
            }
        }
    }

    /// <summary>One append that landed, and how long it took (the hall grain times it).</summary>
    public void Appended(TimeSpan took) => _append.Record(took.TotalSeconds);
}
