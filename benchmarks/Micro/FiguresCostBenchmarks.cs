using BenchmarkDotNet.Attributes;
using Queue.Hall;
using Queue.Silo.Stats;

namespace Queue.Benchmarks;

/// <summary>
/// What keeping the figures costs per command: a whole busy day of 宣恩 (<see cref="DayLog"/>) run command by command as
/// the hall grain runs it (decide, apply; the baseline), and again with every event also folded into the figures
/// projection (<see cref="HallFigures"/>), and that fold alone. Divide by the day's commands (printed at setup) for the cost of one.
/// </summary>
public class FiguresCostBenchmarks
{
    private DayLog.Day _day = null!;

    [GlobalSetup]
    public void Setup()
    {
        _day = DayLog.Make(Halls.Seed("xuanen"));
        Console.WriteLine($"// xuanen: {_day.Tickets} tickets, {_day.Commands.Count} commands, {_day.Events.Count} events");
        // In process, whichever method ran first paid for compiling the code all three share (10x in one run): warm them all.
        for (var i = 0; i < 5; i++)
        {
            DecideAndApply();
            DecideApplyAndFigures();
            FiguresAlone();
        }
    }

    [Benchmark]
    public HallFigures DecideApplyAndFigures()
    {
        var state = new HallState(_day.Config);
        var figures = new HallFigures(_day.Config);
        foreach (var (now, command) in _day.Commands) DayLog.Run(state, command, now, e => figures.Apply(e));
        return figures;
    }

    /// <summary>The projection's share alone: the day's events folded into the figures, nothing decided.</summary>
    [Benchmark]
    public HallFigures FiguresAlone()
    {
        var figures = new HallFigures(_day.Config);
        foreach (var e in _day.Events) figures.Apply(e);
        return figures;
    }

    [Benchmark(Baseline = true)]
    public HallState DecideAndApply()
    {
        var state = new HallState(_day.Config);
        foreach (var (now, command) in _day.Commands) DayLog.Run(state, command, now, _ => { });
        return state;
    }
}
