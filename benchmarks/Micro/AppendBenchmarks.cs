using BenchmarkDotNet.Attributes;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Benchmarks;

/// <summary>
/// Making one command durable on the real SQLite store (WAL, synchronous=FULL), per command: alone (one commit
/// each) and when many halls append at once (group commit, one transaction for the batch). The baseline is the
/// disk's floor: one small write and fdatasync on the same file system.
/// </summary>
public class AppendBenchmarks
{
    private const int HallCount = 1000;
    private readonly long[] _seq = new long[HallCount];
    private readonly Task[] _pending = new Task[HallCount];
    private string _folder = null!;
    private SqliteEventStore _store = null!;
    private DiskFloor _disk = null!;
    private int _nextHall;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("queue-bench-append-").FullName;
        _store = new SqliteEventStore(Path.Combine(_folder, "queue.db"));
        _disk = new DiskFloor(Path.Combine(_folder, "floor.bin"));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _disk.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The floor: 512 bytes written in place and fdatasync'd, as a WAL commit is.</summary>
    [Benchmark(Baseline = true)]
    public void Fdatasync() => _disk.WriteAndSync();

    /// <summary>One take-ticket's event, committed alone: what a quiet silo pays per command.</summary>
    [Benchmark]
    public Task SingleCommit() => Append(NextHall());

    [Benchmark(OperationsPerInvoke = 10)]
    public Task GroupOf10() => AppendMany(10);

    [Benchmark(OperationsPerInvoke = 100)]
    public Task GroupOf100() => AppendMany(100);

    [Benchmark(OperationsPerInvoke = 1000)]
    public Task GroupOf1000() => AppendMany(1000);

    // Different halls at once, as the hall grains of a busy silo do; the store batches whatever is queued.
    private Task AppendMany(int halls)
    {
        for (var i = 0; i < halls; i++) _pending[i] = Append(NextHall());
        return Task.WhenAll(new ReadOnlySpan<Task>(_pending, 0, halls));
    }

    private int NextHall() => _nextHall = (_nextHall + 1) % HallCount;

    private Task Append(int hall)
    {
        var seq = ++_seq[hall];
        var e = new TicketIssued($"q7rk3m{hall:D4}{seq:D16}", $"A{seq % 1000:D3}", "A", (int)(seq % 1000), ["general"], ["qykb"], null,
            Priority.Normal, null, null, null, null, "k1", Halls.DayOpens) { Key = Guid.NewGuid().ToString() };
        return _store.AppendAsync($"hall-{hall:D5}", seq, [e], CancellationToken.None);
    }
}
