using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Queue.Load;

/// <summary>
/// 窗口 clerks in the staffed halls: complete the current ticket, call the next, at --calls per second over all
/// windows, several windows of one hall at once. Then a drain empties every staffed queue with all its windows
/// calling concurrently, so double-called and lost tickets can be counted exactly.
/// </summary>
public sealed class Clerks(HttpClient silo, DisplayFleet? fleet)
{
    private sealed class Slot(string hall, int window)
    {
        public string Hall { get; } = hall;
        public int Window { get; } = window;
        public bool Busy;
    }

    private readonly List<Slot> _slots = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _called = new(), _completed = new();
    private long _calls, _errors;
    private readonly ConcurrentDictionary<string, long> _refused = new();

    public Samples CallLatency { get; } = new();
    public long Calls => _calls;
    public long Errors => _errors;
    /// <summary>Window answers other than the expected ones (200, 204 nobody waiting, 409 already called), by status: "504×3".</summary>
    public string Refused => string.Join(" ", _refused.OrderBy(r => r.Key).Select(r => $"{r.Key}×{r.Value}"));

    /// <summary>Opens up to <paramref name="perHall"/> windows that serve 综合受理 in each hall.</summary>
    public async Task OpenAsync(IReadOnlyList<string> halls, Func<string, int[]> windowsOf, int perHall)
    {
        foreach (var hall in halls)
        {
            _called[hall] = new();
            _completed[hall] = new();
            _slots.AddRange(windowsOf(hall).Take(perHall).Select(no => new Slot(hall, no)));
        }
        await Parallel.ForEachAsync(_slots, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (s, _) =>
        {
            var r = await silo.WindowAction(s.Hall, s.Window, "open", new { clerkId = $"load{s.Window:D2}" });
            // 409: a running silo (--target) may have the window signed in already; calling works the same.
            if (r.Status is not (HttpStatusCode.OK or HttpStatusCode.Conflict)) throw new InvalidOperationException($"Opening {s.Hall} window {s.Window}: {r.Status}");
        });
    }

    public async Task RunAsync(double callsPerSecond, TimeSpan duration)
    {
        var idle = new ConcurrentQueue<Slot>(_slots);
        var start = Stopwatch.GetTimestamp();
        long n = 0;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(_slots.Count, 64)).Select(async _ =>
        {
            while (true)
            {
                var due = start + (long)(Interlocked.Increment(ref n) / callsPerSecond * Stopwatch.Frequency);
                if (Stopwatch.GetElapsedTime(start, due) > duration) return;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                if (!idle.TryDequeue(out var slot)) continue; // every window is mid-call: skip this beat
                try { await Step(slot); }
                finally { idle.Enqueue(slot); }
            }
        }));
    }

    /// <summary>Every window of a hall calls until the queue is empty, all at once; bounded by attempts and time.</summary>
    public async Task DrainAsync(IReadOnlyDictionary<string, long> issuedPerHall, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        var byHall = _slots.GroupBy(s => s.Hall).ToList();
        await Parallel.ForEachAsync(byHall, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (hall, _) =>
        {
            var attempts = issuedPerHall.GetValueOrDefault(hall.Key) * 2 + 20;
            await Task.WhenAll(hall.Select(async slot =>
            {
                for (var i = 0; i < attempts && deadline.Elapsed < limit; i++)
                    if (!await Step(slot)) return;
            }));
        });
    }

    /// <summary>
    /// Tickets called or served twice, and acknowledged tickets never served, in the staffed halls. Told apart by
    /// number (unique in a hall's day): window answers are staff answers, without the secret id.
    /// </summary>
    public (long DoubleCalled, List<(string Hall, string Id, string Number)> Unserved) Check(IEnumerable<(string Hall, string Id, string Number)> issued)
    {
        long doubles = 0;
        foreach (var hall in _called.Keys)
            doubles += _called[hall].Count - _called[hall].Distinct().Count() + _completed[hall].Count - _completed[hall].Distinct().Count();
        var served = _completed.SelectMany(h => h.Value.Select(number => (h.Key, number))).ToHashSet();
        return (doubles, [.. issued.Where(t => _completed.ContainsKey(t.Hall) && !served.Contains((t.Hall, t.Number)))]);
    }

    private void Refuse(HttpStatusCode status) => _refused.AddOrUpdate(((int)status).ToString(), 1, (_, n) => n + 1);

    // One beat of a window: finish what it has, call the next. False when nobody is waiting.
    private async Task<bool> Step(Slot s)
    {
        try
        {
            if (s.Busy)
            {
                var done = await silo.WindowAction(s.Hall, s.Window, "complete");
                if (done.Ticket is { } t) _completed[s.Hall].Enqueue(t.Number);
                else Refuse(done.Status);
                s.Busy = false;
            }
            var sent = Stopwatch.GetTimestamp();
            var r = await silo.WindowAction(s.Hall, s.Window, "call-next");
            CallLatency.AddSince(sent);
            Interlocked.Increment(ref _calls);
            if (r.Status == HttpStatusCode.NoContent) return false;
            if (r.Status == HttpStatusCode.Conflict) { s.Busy = true; return true; } // auto-call got there first (沙道沟)
            if (r.Ticket is not { } called) { Refuse(r.Status); Interlocked.Increment(ref _errors); return true; }
            s.Busy = true;
            _called[s.Hall].Enqueue(called.Number);
            if (fleet is not null && fleet.DisplaysIn(s.Hall) > 0) Volatile.Write(ref fleet.Trace(s.Hall, called.Number).Sent, sent);
            return true;
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _errors);
            return true;
        }
    }
}
