using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;

namespace Queue.Silo.Tests;

/// <summary>A hub connection that records every message it receives as the silo's records, in order, for tests to wait on.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly Channel<(string Target, object Body)> _messages = Channel.CreateUnbounded<(string, object)>();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private readonly ConcurrentQueue<long?> _numbers = new();

    /// <summary>The messageNo of every screen message so far, in arrival order (null: the state sent on joining).</summary>
    public IReadOnlyList<long?> Numbers => [.. _numbers];

    /// <summary>How many messages for <paramref name="target"/> have arrived so far.</summary>
    public int Count(string target) => _counts.GetValueOrDefault(target);

    public HubConnection Connection { get; }

    private HubListener(Uri url, CookieContainer? cookies)
    {
        var backoff = new HubBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500));
        // A screen joins as nobody (HallConnection); a clerk console or the manager dashboard carries its person's cookie.
        Connection = cookies is null
            ? HallConnection.Build(url, backoff)
            : new HubConnectionBuilder()
                .WithUrl(url, o => { o.SkipNegotiation = true; o.Transports = HttpTransportType.WebSockets; o.Cookies = cookies; })
                .AddJsonProtocol(o => o.PayloadSerializerOptions = HallConnection.Json)
                .WithAutomaticReconnect(backoff)
                .Build();
        Record<HallStateView>(nameof(IHallClient.HallState));
        Record<CallView>(nameof(IHallClient.TicketCalled));
        Record<WindowChangedView>(nameof(IHallClient.WindowChanged));
        Record<QueueView>(nameof(IHallClient.QueueChanged));
        Record<NoticeView>(nameof(IHallClient.NoticePosted));
        Record<AlertView>(nameof(IHallClient.Alert));
        Record<TicketView>(nameof(IHallClient.TicketChanged));
        Record<WindowReminderView>(nameof(IHallClient.WindowReminder));
        Record<PrintTicketView>(nameof(IHallClient.PrintTicket));
        Record<RatingPromptView>(nameof(IHallClient.RatingRequested));
    }

    private void Record<T>(string target) where T : notnull => Connection.On<T>(target, body =>
    {
        _counts.AddOrUpdate(target, 1, (_, n) => n + 1);
        if (body is ScreenMessage m) _numbers.Enqueue(m.MessageNo);
        _messages.Writer.TryWrite((target, body));
    });

    /// <summary>Joins as nobody, as a paired device (access_token in <paramref name="query"/>), or as the person whose
    /// session cookie is in <paramref name="cookies"/> (see <see cref="SiloApplication.Client"/>).</summary>
    public static async Task<HubListener> Join(Uri baseAddress, string query, CookieContainer? cookies = null)
    {
        var listener = new HubListener(new Uri(baseAddress, $"/hubs/hall?{query}"), cookies);
        await listener.Connection.StartAsync();
        return listener;
    }

    /// <summary>Joins expecting the silo to refuse: why it did (the error the start failed with, a 401 say, or the one
    /// the silo closed the connection with right after the handshake).</summary>
    public static async Task<Exception> Refused(Uri baseAddress, string query, CookieContainer? cookies = null)
    {
        await using var listener = new HubListener(new Uri(baseAddress, $"/hubs/hall?{query}"), cookies);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        try { await listener.Connection.StartAsync(); }
        catch (Exception e) { return e; }
        return await closed.Task.WaitAsync(TimeSpan.FromSeconds(5)) ?? throw new InvalidOperationException($"{query}: closed without a reason");
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

    /// <summary>Every message up to and including the next for <paramref name="target"/>, in order; fails after 5 s.</summary>
    public async Task<IReadOnlyList<(string Target, object Body)>> Until(string target)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var heard = new List<(string, object)>();
        while (true)
        {
            var m = await _messages.Reader.ReadAsync(timeout.Token);
            heard.Add(m);
            if (m.Target == target) return heard;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
