using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Cluster;

/// <summary>
/// A hall's display as our .NET agents run it (displays/HubConnection: reconnects that never give up, HallState on every
/// (re)connection), noting each call it hears and each whole state it is given, and when, for the checks afterwards.
/// </summary>
public sealed class Screen : IAsyncDisposable
{
    private readonly ConcurrentQueue<(DateTimeOffset At, long Seq, bool Whole)> _heard = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HubConnection _connection;

    public string Name { get; }

    private Screen(string name, Uri baseAddress, string hall)
    {
        Name = name;
        _connection = HallConnection.Build(new Uri(baseAddress, $"/hubs/hall?hall={hall}&role=display"), HubBackoff.Default);
        _connection.On<CallView>(nameof(IHallClient.TicketCalled), c => _heard.Enqueue((DateTimeOffset.UtcNow, c.Seq, false)));
        _connection.On<HallStateView>(nameof(IHallClient.HallState), s => _heard.Enqueue((DateTimeOffset.UtcNow, s.Seq, true)));
    }

    /// <summary>Connects to <paramref name="hall"/> through <paramref name="baseAddress"/> (a silo, or nginx) and returns once its first state came.</summary>
    public static async Task<Screen> Join(string name, Uri baseAddress, string hall)
    {
        var screen = new Screen(name, baseAddress, hall);
        await screen._connection.KeepStartedAsync(HubBackoff.Default, screen._stop.Token);
        await Wait.Until(() => screen._heard.Any(h => h.Whole), TimeSpan.FromSeconds(10), $"{name} to get the hall's state");
        return screen;
    }

    /// <summary>
    /// The calls this screen missed: by <paramref name="deadline"/>(the call's time) it had neither heard the call (its
    /// seq) nor been given a whole state at that seq or later.
    /// </summary>
    public long[] Missed(IEnumerable<(long Seq, DateTimeOffset At)> calls, Func<DateTimeOffset, DateTimeOffset> deadline)
    {
        var heard = _heard.ToArray();
        return calls.Where(c => !heard.Any(h => h.At <= deadline(c.At) && (h.Whole ? h.Seq >= c.Seq : h.Seq == c.Seq)))
            .Select(c => c.Seq).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _connection.DisposeAsync();
        _stop.Dispose();
    }
}
