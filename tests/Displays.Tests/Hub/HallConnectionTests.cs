using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Displays.Hub;
using Queue.Tests.Support;

namespace Queue.Displays.Tests.Hub;

/// <summary>
/// What screens and agents rely on from the connection factory, on a real Kestrel hub: never giving up, whether the
/// server is away at start, goes away later, or turns the connection away.
/// </summary>
public sealed class HallConnectionTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    static readonly HubBackoff Fast = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));

    static HubConnection Connect(int port, out ConcurrentQueue<string> welcomes)
    {
        var connection = HallConnection.Build(TestHubServer.HubUrl(port), Fast);
        connection.On<string>("Welcome", (welcomes = new()).Enqueue);
        return connection;
    }

    [Fact]
    public void The_retry_policy_never_gives_up_and_waits_at_most_its_cap()
    {
        foreach (long count in new long[] { 0, 1, 4, 5, 100, 100_000 })
        {
            var delay = Fast.NextRetryDelay(new RetryContext { PreviousRetryCount = count, ElapsedTime = TimeSpan.FromHours(count) });
            Assert.NotNull(delay);
            Assert.InRange(delay.Value, TimeSpan.FromMilliseconds(80), Fast.Max * 1.2);
        }
    }

    [Fact]
    public async Task A_server_that_comes_up_after_the_client_is_joined_once_it_is_there()
    {
        int port = FreePort.Next();
        await using var connection = Connect(port, out var welcomes);
        int failures = 0;
        var starting = connection.KeepStartedAsync(Fast, CancellationToken.None, (_, _) => Interlocked.Increment(ref failures));
        await Wait.Until(() => failures >= 3, Patience, "a few refused first connects");

        await using var server = await TestHubServer.StartAsync(port);
        await starting.WaitAsync(Patience);

        Assert.Equal(HubConnectionState.Connected, connection.State);
        await Wait.Until(() => welcomes.Count == 1, Patience, "the welcome");
    }

    [Fact]
    public async Task Restarting_the_server_on_the_same_port_reconnects_and_the_first_message_comes_again()
    {
        var server = await TestHubServer.StartAsync();
        int port = server.Port;
        await using var connection = Connect(port, out var welcomes);
        var reconnecting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Reconnecting += _ => { reconnecting.TrySetResult(); return Task.CompletedTask; };
        await connection.KeepStartedAsync(Fast, CancellationToken.None);
        await Wait.Until(() => welcomes.Count == 1, Patience, "first welcome");

        await server.DisposeAsync();
        await reconnecting.Task.WaitAsync(Patience);
        Assert.NotEqual(HubConnectionState.Connected, connection.State);
        await using var again = await TestHubServer.StartAsync(port);

        await Wait.Until(() => welcomes.Count == 2, Patience, "the welcome from the restarted server");
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.Equal(9, await connection.InvokeAsync<int>("Add", 4, 5));
    }

    [Fact]
    public async Task A_connection_the_server_turns_away_is_started_again_until_it_is_let_in()
    {
        await using var server = await TestHubServer.StartAsync(refuse: true);
        await using var connection = Connect(server.Port, out var welcomes);
        var closed = new ConcurrentQueue<Exception?>();
        connection.Closed += e => { closed.Enqueue(e); return Task.CompletedTask; };

        await connection.KeepStartedAsync(Fast, CancellationToken.None);
        await Wait.Until(() => closed.Count >= 2, Patience, "the server to turn the connection away twice");
        Assert.All(closed, e => Assert.Contains("does not exist", e?.Message));

        server.Door.Refuse = false;
        await Wait.Until(() => welcomes.Count == 1, Patience, "the welcome once the door opens");
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task A_connection_the_server_cuts_without_an_error_is_started_again()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var connection = Connect(server.Port, out var welcomes);
        var closed = new ConcurrentQueue<Exception?>();
        connection.Closed += e => { closed.Enqueue(e); return Task.CompletedTask; };
        await connection.KeepStartedAsync(Fast, CancellationToken.None);
        await Wait.Until(() => welcomes.Count == 1, Patience, "first welcome");

        await connection.SendAsync("Cut");

        await Wait.Until(() => welcomes.Count == 2, Patience, "the welcome of the connection started again");
        Assert.Null(Assert.Single(closed)); // a plain close, which automatic reconnect alone would leave closed
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task Once_cancelled_a_refused_connection_is_not_started_again()
    {
        await using var server = await TestHubServer.StartAsync(refuse: true);
        await using var connection = Connect(server.Port, out _);
        using var stop = new CancellationTokenSource();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { stop.Cancel(); closed.TrySetResult(); return Task.CompletedTask; };

        await connection.KeepStartedAsync(Fast, stop.Token);
        await closed.Task.WaitAsync(Patience);
        server.Door.Refuse = false;

        // Were it started again, the next try would come within Fast.Max (400 ms ± 20 %). A delay, not a wait:
        // what is shown is that nothing happens, and there is no event for that.
        await Task.Delay(Fast.Max * 3);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
