using System.Text.Json;
using System.Threading.Channels;
using Queue.HubClient;

namespace Queue.Silo.Tests;

/// <summary>A hub client that records every message it receives, in order, for tests to wait on.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private static readonly string[] Targets = ["HallState", "TicketCalled", "WindowChanged", "QueueChanged", "NoticePosted", "Alert", "TicketChanged"];
    private readonly Channel<(string Target, JsonElement Body)> _messages = Channel.CreateUnbounded<(string, JsonElement)>();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

    /// <summary>How many messages for <paramref name="target"/> have arrived so far.</summary>
    public int Count(string target) => _counts.GetValueOrDefault(target);

    public HallHubClient Client { get; }

    private HubListener(Uri url)
    {
        Client = new HallHubClient(url, new HubClientOptions { ReconnectInitialDelay = TimeSpan.FromMilliseconds(100), ReconnectMaxDelay = TimeSpan.FromMilliseconds(500) });
        foreach (var target in Targets)
            Client.On(target, args =>
            {
                _counts.AddOrUpdate(target, 1, (_, n) => n + 1);
                _messages.Writer.TryWrite((target, args[0].Clone()));
            });
    }

    public static async Task<HubListener> Join(Uri baseAddress, string query)
    {
        var listener = new HubListener(new Uri(baseAddress, $"/hubs/hall?{query}"));
        await listener.Client.StartAsync();
        return listener;
    }

    /// <summary>The next message for <paramref name="target"/>, skipping others; fails after 5 s.</summary>
    public async Task<JsonElement> Next(string target, Func<JsonElement, bool>? where = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var (t, body) = await _messages.Reader.ReadAsync(timeout.Token);
            if (t == target && (where is null || where(body))) return body;
        }
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
