using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;

namespace Queue.Silo.Tests;

/// <summary>A hub connection that records every message it receives as the silo's records, in order, for tests to wait on.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly Channel<(string Target, object Body)> _messages = Channel.CreateUnbounded<(string, object)>();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    /// <summary>How many messages for <paramref name="target"/> have arrived so far.</summary>
    public int Count(string target) => _counts.GetValueOrDefault(target);

    public HubConnection Connection { get; }

    private HubListener(Uri url)
    {
        Connection = HallConnection.Build(url, new HubBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500)));
        Record<HallStateView>(nameof(IHallClient.HallState));
        Record<CallView>(nameof(IHallClient.TicketCalled));
        Record<WindowChangedView>(nameof(IHallClient.WindowChanged));
        Record<QueueView>(nameof(IHallClient.QueueChanged));
        Record<NoticeView>(nameof(IHallClient.NoticePosted));
        Record<AlertView>(nameof(IHallClient.Alert));
        Record<TicketView>(nameof(IHallClient.TicketChanged));
    }

    private void Record<T>(string target) where T : notnull => Connection.On<T>(target, body =>
    {
        _counts.AddOrUpdate(target, 1, (_, n) => n + 1);
        _messages.Writer.TryWrite((target, body));
    });

    public static async Task<HubListener> Join(Uri baseAddress, string query)
    {
        var listener = new HubListener(new Uri(baseAddress, $"/hubs/hall?{query}"));
        await listener.Connection.StartAsync();
        return listener;
    }

    /// <summary>The next <typeparamref name="T"/> for <paramref name="target"/>, skipping others; fails after 5 s.</summary>
    public async Task<T> Next<T>(string target, Func<T, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var (t, body) = await _messages.Reader.ReadAsync(timeout.Token);
            if (t == target && (where is null || where((T)body))) return (T)body;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
