using BenchmarkDotNet.Attributes;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Benchmarks;

/// <summary>
/// Rebuilding one hall after a restart, from a whole day of its events (<see cref="DayLog"/>): the fold alone
/// (baseline), with JSON, from the SQLite store, and from an end-of-day snapshot; and what the hall grain pays to
/// take that snapshot (every 1000 events). Times 3334 halls of each seed give 10,000 halls.
/// </summary>
public class ReplayBenchmarks
{
    [Params("xuanen", "enshi", "shadaogou")] public string Seed = "";

    private DayLog.Day _day = null!;
    private string[] _json = null!;
    private string _snapshot = null!;
    private string _folder = null!;
    private SqliteEventStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        _day = DayLog.Make(Halls.Seed(Seed));
        _json = [.. _day.Events.Select(EventJson.Serialize)];
        _snapshot = EventJson.Serialize(_day.End.ToSnapshot());
        _folder = Directory.CreateTempSubdirectory("queue-bench-replay-").FullName;
        _store = new SqliteEventStore(Path.Combine(_folder, "queue.db"));
        for (var i = 0; i < _day.Events.Count; i += 500)
            _store.AppendAsync(Seed, i + 1, [.. _day.Events.Skip(i).Take(500)], CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// {Seed}: {_day.Tickets} tickets, {_day.Events.Count} events, snapshot {_snapshot.Length / 1024} KiB");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The fold alone: every event of the day applied to a new state.</summary>
    [Benchmark(Baseline = true)]
    public HallState ApplyDay()
    {
        var s = new HallState(_day.Config);
        foreach (var e in _day.Events) s.Apply(e);
        return s;
    }

    [Benchmark]
    public HallState DeserializeAndApply()
    {
        var s = new HallState(_day.Config);
        foreach (var json in _json) s.Apply(EventJson.Deserialize(json));
        return s;
    }

    /// <summary>What a restart does per hall when there is no snapshot: read the log, then fold it.</summary>
    [Benchmark]
    public async Task<HallState> LoadFromStore()
    {
        var history = await _store.LoadAsync(Seed, CancellationToken.None);
        var s = new HallState(_day.Config);
        foreach (var e in history.Events) s.Apply(e);
        return s;
    }

    /// <summary>A restart from an end-of-day snapshot (the silo takes one every 1000 events).</summary>
    [Benchmark]
    public HallState FromSnapshot() => HallState.FromSnapshot(_day.Config, EventJson.DeserializeSnapshot(_snapshot));

    /// <summary>Taking that snapshot: done inside the hall grain's turn, so every command behind it waits this long.</summary>
    [Benchmark]
    public string TakeSnapshot() => EventJson.Serialize(_day.End.ToSnapshot());
}
