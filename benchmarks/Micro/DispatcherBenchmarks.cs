using BenchmarkDotNet.Attributes;
using Queue.Hall;

namespace Queue.Benchmarks;

/// <summary>
/// One call-next decision at a comprehensive window that serves every category, with nobody green, directed or
/// booked waiting: every rule runs and the score rule weighs every category (the slowest path).
/// Goal (issue 6): under 5 µs at 150 windows / 40 categories / 10,000 waiting, and flat in the number waiting.
/// </summary>
public class DispatcherBenchmarks
{
    [Params(18, 62, 150)] public int Windows;
    [Params(5, 40)] public int Categories;
    [Params(100, 10_000)] public int Waiting;

    private HallState _hall = null!;
    private Window _window = null!;
    private CallNext _command = null!;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        _now = Halls.DayOpens.AddHours(3);
        _hall = Halls.Filled(Halls.Synthetic(Windows, Categories), Waiting, _now);
        _window = _hall.Window(1)!;
        _command = new CallNext(1);
        if (Dispatcher.Next(_hall, _window, _now) is null) throw new InvalidOperationException("Window 1 found nobody to call.");
    }

    /// <summary>The dispatcher alone: who is next.</summary>
    [Benchmark(Baseline = true)]
    public Ticket? Next() => Dispatcher.Next(_hall, _window, _now);

    /// <summary>The whole decision the hall grain makes for call-next: checks, dispatcher, the TicketCalled event.</summary>
    [Benchmark]
    public Decision DecideCallNext() => Decide.Handle(_hall, _command, _now);
}
