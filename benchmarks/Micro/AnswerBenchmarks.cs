using BenchmarkDotNet.Attributes;
using Queue.Hall;
using Queue.Contracts;
using Queue.Silo.Halls;

namespace Queue.Benchmarks;

/// <summary>
/// Beside the decision, every command builds views inside the hall grain: the answer (a Ticket with its
/// position) and the hub messages (WindowChanged, QueueChanged). Measured on 宣恩 with few and many waiting,
/// against the call-next decision itself; anything that grows with the number waiting shows here.
/// </summary>
public class AnswerBenchmarks
{
    [Params(100, 10_000)] public int Waiting;

    private HallState _hall = null!;
    private Window _window = null!;
    private Ticket _newest = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _now = Halls.DayOpens.AddHours(3);
        _hall = Halls.Filled(Halls.Seed("xuanen"), Waiting, _now);
        _window = _hall.Window(1)!;
        _newest = _hall.Tickets[^1];
    }

    [Benchmark(Baseline = true)]
    public Ticket? CallNextDecision() => Dispatcher.Next(_hall, _window, _now);

    /// <summary>The take-ticket answer: the newest ticket with the people ahead of it.</summary>
    [Benchmark]
    public TicketView TicketAnswer() => Views.Ticket(_hall, _newest, _now);

    /// <summary>Sent to every screen of the hall on each call, start and complete.</summary>
    [Benchmark]
    public WindowView WindowChanged() => Views.Window(_hall, _window);

    /// <summary>Sent (coalesced) to every screen on each ticket change.</summary>
    [Benchmark]
    public QueueView QueueChanged() => Views.Queue(_hall, _now);
}
