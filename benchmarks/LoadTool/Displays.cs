using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;

namespace Queue.Load;

/// <summary>One call-next, followed until every screen of its hall has shown it.</summary>
public sealed class CallTrace
{
    /// <summary>When the clerk sent call-next (Stopwatch timestamp), 0 until its answer came back.</summary>
    public long Sent;
    public int Received;
    public long Last;

    public void Receive(long at)
    {
        Interlocked.Increment(ref Received);
        for (var last = Volatile.Read(ref Last); at > last; last = Volatile.Read(ref Last))
            if (Interlocked.CompareExchange(ref Last, at, last) == last) break;
    }
}

/// <summary>
/// Hall screens on the official SignalR client, built as the display agent builds it (JSON hub protocol over
/// WebSockets), spread round-robin over the first halls; they note when each TicketCalled arrives.
/// </summary>
public sealed class DisplayFleet : IAsyncDisposable
{
    private readonly List<HubConnection> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, CallTrace> _calls = new();
    private readonly Dictionary<string, int> _perHall = [];
    private int _states;
    private int _reconnects;

    public int Connected => _clients.Count;
    public int Reconnects => _reconnects;
    public IReadOnlyCollection<string> Halls => _perHall.Keys;

    public static async Task<DisplayFleet> ConnectAsync(Uri silo, IReadOnlyList<string> hallIds, int displays)
    {
        var fleet = new DisplayFleet();
        var halls = Math.Min(hallIds.Count, displays);
        var gate = new SemaphoreSlim(32);
        var connects = new List<Task>();
        for (var i = 0; i < displays; i++)
        {
            var hall = hallIds[i % halls];
            fleet._perHall[hall] = fleet._perHall.GetValueOrDefault(hall) + 1;
            var client = HallConnection.Build(new Uri(silo, $"/hubs/hall?hall={hall}&role=display"), HubBackoff.Default);
            client.On<HallStateView>(nameof(IHallClient.HallState), _ => Interlocked.Increment(ref fleet._states));
            client.On<CallView>(nameof(IHallClient.TicketCalled), call => fleet.Saw(hall, call));
            client.Reconnecting += _ => { Interlocked.Increment(ref fleet._reconnects); return Task.CompletedTask; };
            fleet._clients.Add(client);
            connects.Add(fleet.Connect(client, gate));
        }
        // Screens retry until the silo lets them in; the tool still ends by itself when it never does.
        var wait = Stopwatch.StartNew();
        await Task.WhenAny(Task.WhenAll(connects), Task.Delay(TimeSpan.FromSeconds(60)));
        // A screen is in its hall's group once its first HallState arrives.
        while (Volatile.Read(ref fleet._states) < displays && wait.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
        if (fleet._states < displays)
        {
            await fleet.DisposeAsync();
            throw new TimeoutException($"Only {fleet._states} of {displays} screens got their HallState within 60 s.");
        }
        return fleet;
    }

    public int DisplaysIn(string hallId) => _perHall.GetValueOrDefault(hallId);

    public CallTrace Trace(string hallId, string number) => _calls.GetOrAdd($"{hallId}/{number}", _ => new CallTrace());

    /// <summary>Call-next to the last screen of the hall; deliveries missing and extra (each should be zero).</summary>
    public (Percentiles Latency, long Missed, long Extra) Summarize()
    {
        var samples = new Samples();
        long missed = 0, extra = 0;
        foreach (var (key, t) in _calls)
        {
            if (t.Sent == 0) continue; // an auto-call, or a call whose answer never came
            var expected = DisplaysIn(key[..key.LastIndexOf('/')]);
            if (expected == 0) continue;
            if (t.Received >= expected) samples.Add(t.Last - t.Sent);
            missed += Math.Max(0, expected - t.Received);
            extra += Math.Max(0, t.Received - expected);
        }
        return (samples.Summary(), missed, extra);
    }

    private void Saw(string hall, CallView call)
    {
        var at = Stopwatch.GetTimestamp();
        if (call.IsRecall) return;
        Trace(hall, call.TicketNumber).Receive(at);
    }

    private async Task Connect(HubConnection client, SemaphoreSlim gate)
    {
        await gate.WaitAsync();
        try { await client.KeepStartedAsync(HubBackoff.Default, _stop.Token); }
        finally { gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        var gate = new SemaphoreSlim(64);
        await Task.WhenAll(_clients.Select(async c =>
        {
            await gate.WaitAsync();
            try { await c.DisposeAsync(); }
            finally { gate.Release(); }
        }));
    }
}
