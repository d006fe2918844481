using BenchmarkDotNet.Attributes;
using Queue.Contracts;
using Queue.Silo.Stats;
using Queue.Silo.Storage;
using Queue.Silo.Tests.Stats;

namespace Queue.Benchmarks;

/// <summary>
/// GET …/stats for a month of a busy county hall (30 days × 2,000 tickets, the tests' <see cref="GeneratedMonth"/>), its
/// days' records already built in the real SQLite store, as <see cref="HallFiguresGrain"/> answers it: the first query of
/// an activation reads and parses the 30 records (<see cref="FigureRecords"/>), later ones sum the days it keeps. The
/// baseline is the store reading the 30 records' bytes, unparsed. Goal: under 50 ms.
/// </summary>
public class FiguresBenchmarks
{
    private static readonly DateOnly From = GeneratedMonth.FirstDay, To = GeneratedMonth.FirstDay.AddDays(29);
    [Params("category", "clerk")] public string By = "";

    private List<DayFigures> _days = null!;
    private string _folder = null!;
    private SqliteEventStore _store = null!;
    private FigureRecords _records = null!;

    [GlobalSetup]
    public void Setup()
    {
        var month = new GeneratedMonth(days: 30, ticketsPerDay: 2000);
        var figures = new HallFigures(GeneratedMonth.Config);
        _days = [.. month.Events.Select(figures.Apply).OfType<DayFigures>(), figures.Today!];
        _folder = Directory.CreateTempSubdirectory("queue-bench-figures-").FullName;
        _store = new SqliteEventStore(Path.Combine(_folder, "queue.db"));
        _records = new FigureRecords(_store, GeneratedMonth.Config.Id);
        foreach (var day in _days) _records.WriteDay(day).GetAwaiter().GetResult();
        var bytes = ReadRecords().GetAwaiter().GetResult();
        Console.WriteLine($"// {month.Events.Count} events, {_days.Count} days, records {bytes / 1024} KiB in all");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> ReadRecords()
    {
        long bytes = 0;
        for (var d = From; d <= To; d = d.AddDays(1))
            bytes += (await _store.ReadRecordAsync($"figures:{GeneratedMonth.Config.Id}:{d:yyyy-MM-dd}", CancellationToken.None))?.Json.Length ?? 0;
        return bytes;
    }

    /// <summary>The first month query of an activation: 30 records read, parsed and summed.</summary>
    [Benchmark]
    public async Task<StatsView> MonthFromRecords()
    {
        var days = new List<DayFigures>();
        for (var d = From; d <= To; d = d.AddDays(1))
            if (await _records.ReadDay(d) is { } day) days.Add(day);
        return StatsReport.Build(GeneratedMonth.Config, From, To, By, days);
    }

    /// <summary>Every later one: the finished days are kept by the grain (they never change).</summary>
    [Benchmark]
    public StatsView MonthFromKeptDays() => StatsReport.Build(GeneratedMonth.Config, From, To, By, _days);
}
