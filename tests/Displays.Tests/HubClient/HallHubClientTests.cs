using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Queue.HubClient;

namespace Queue.Displays.Tests.HubClient;

public sealed class HallHubClientTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    static HubClientOptions Fast() => new()
    {
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        HandshakeTimeout = TimeSpan.FromSeconds(3),
    };

    static TaskCompletionSource<JsonElement[]> Expect(HallHubClient client, string target)
    {
        var got = new TaskCompletionSource<JsonElement[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On(target, args => got.TrySetResult(args));
        return got;
    }

    [Fact]
    public async Task Start_completes_the_handshake_and_receives_the_first_server_message_in_Chinese()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new HallHubClient(server.HubUrl, Fast());
        var welcome = Expect(client, "Welcome");

        await client.StartAsync();

        Assert.Equal(HubClientState.Connected, client.State);
        var args = await welcome.Task.WaitAsync(Patience);
        Assert.Equal(TestHub.Welcome, args[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Server_invocations_reach_every_handler_of_the_target()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new HallHubClient(server.HubUrl, Fast());
        var welcome = Expect(client, "Welcome");
        var first = Expect(client, "ticketCalled");
        var second = Expect(client, "TicketCalled"); // targets match case-insensitively, like the JS client
        await client.StartAsync();
        await welcome.Task.WaitAsync(Patience);

        await server.Hub.Clients.All.SendAsync("TicketCalled",
            new { ticketNumber = "A012", windowNo = 5, announcement = "请 A012 号 到 5 号窗口 办理" });

        foreach (var got in new[] { first, second })
        {
            var call = (await got.Task.WaitAsync(Patience))[0];
            Assert.Equal("A012", call.GetProperty("ticketNumber").GetString());
            Assert.Equal(5, call.GetProperty("windowNo").GetInt32());
            Assert.Equal("请 A012 号 到 5 号窗口 办理", call.GetProperty("announcement").GetString());
        }
    }

    [Fact]
    public async Task Invoke_returns_the_result_and_Send_reaches_the_hub()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new HallHubClient(server.HubUrl, Fast());
        var heard = Expect(client, "Heard");
        await client.StartAsync();

        Assert.Equal(5, await client.InvokeAsync<int>("Add", 2, 3));
        Assert.Equal("请到5号窗口", await client.InvokeAsync<string>("Echo", "请到5号窗口"));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.InvokeAsync<int>("Add", i, 1)));
        Assert.Equal(Enumerable.Range(1, 50), concurrent);

        await client.SendAsync("Shout", "暂停服务");
        Assert.Equal("暂停服务", (await heard.Task.WaitAsync(Patience))[0].GetString());
    }

    [Fact]
    public async Task Invoke_of_a_throwing_hub_method_fails_with_the_server_error()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new HallHubClient(server.HubUrl, Fast());
        await client.StartAsync();

        var error = await Assert.ThrowsAsync<HubInvocationException>(() => client.InvokeAsync<object>("Boom"));
        Assert.Contains("HubException: boom", error.Message);
        var missing = await Assert.ThrowsAsync<HubInvocationException>(() => client.InvokeAsync<object>("NoSuchMethod"));
        Assert.Contains("Method does not exist", missing.Message);
        Assert.Equal(3, await client.InvokeAsync<int>("Add", 1, 2)); // the connection survives errors
    }

    [Fact]
    public async Task Pings_keep_the_connection_alive_past_a_short_server_client_timeout()
    {
        void ShortTimeouts(HubOptions o)
        {
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(1);
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(300);
        }
        await using var server = await TestHubServer.StartAsync(hub: ShortTimeouts);
        var pinging = Fast();
        pinging.KeepAliveInterval = TimeSpan.FromMilliseconds(300);
        pinging.ServerTimeout = TimeSpan.FromSeconds(2);
        var silent = Fast(); // control: pings far apart, so the server must drop it
        silent.KeepAliveInterval = TimeSpan.FromSeconds(30);
        await using var alive = new HallHubClient(server.HubUrl, pinging);
        await using var dropped = new HallHubClient(server.HubUrl, silent);
        int aliveBroke = 0, droppedBroke = 0;
        alive.Reconnecting += _ => Interlocked.Increment(ref aliveBroke);
        dropped.Reconnecting += _ => Interlocked.Increment(ref droppedBroke);
        await alive.StartAsync();
        await dropped.StartAsync();

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(0, aliveBroke);
        Assert.Equal(HubClientState.Connected, alive.State);
        Assert.Equal(7, await alive.InvokeAsync<int>("Add", 3, 4));
        Assert.True(droppedBroke > 0, "the control client without pings should have been dropped by the server");
    }

    [Fact]
    public async Task Restarting_the_server_on_the_same_port_reconnects_and_handlers_keep_working()
    {
        var server = await TestHubServer.StartAsync();
        int port = server.Port;
        await using var client = new HallHubClient(server.HubUrl, Fast());
        var welcomes = new ConcurrentQueue<string>();
        client.On("Welcome", args => welcomes.Enqueue(args[0].GetProperty("text").GetString()!));
        var reconnecting = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? closed = null;
        client.Reconnecting += e => reconnecting.TrySetResult(e);
        client.Reconnected += () => reconnected.TrySetResult();
        client.Closed += e => closed = e;
        await client.StartAsync();
        await Wait.Until(() => welcomes.Count == 1, Patience, "first welcome");

        await server.DisposeAsync();
        await reconnecting.Task.WaitAsync(Patience);
        Assert.NotEqual(HubClientState.Connected, client.State);
        await Task.Delay(1000); // several failed attempts while the server is away
        await using var again = await TestHubServer.StartAsync(port);
        await reconnected.Task.WaitAsync(Patience);

        Assert.Equal(HubClientState.Connected, client.State);
        await Wait.Until(() => welcomes.Count == 2, Patience, "welcome from the restarted server");
        Assert.Equal(9, await client.InvokeAsync<int>("Add", 4, 5));
        Assert.Null(closed);
    }

    [Fact]
    public async Task Large_messages_split_across_frames_arrive_whole_both_ways()
    {
        await using var server = await TestHubServer.StartAsync();
        await using var client = new HallHubClient(server.HubUrl, Fast());
        var big = Expect(client, "Big");
        await client.StartAsync();

        await client.SendAsync("SendBig", 100_000);
        Assert.Equal(new string('号', 100_000), (await big.Task.WaitAsync(Patience))[0].GetString());
        var text = string.Concat(Enumerable.Repeat("请 A012 号 到 5 号窗口 办理;", 5000));
        Assert.Equal(text, await client.InvokeAsync<string>("Echo", text));
    }

    [Fact]
    public async Task Stop_closes_without_reconnecting_and_fails_nothing()
    {
        await using var server = await TestHubServer.StartAsync();
        var client = new HallHubClient(server.HubUrl, Fast());
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool reconnecting = false;
        client.Closed += e => closed.TrySetResult(e);
        client.Reconnecting += _ => reconnecting = true;
        await client.StartAsync();

        await client.DisposeAsync();

        Assert.Null(await closed.Task.WaitAsync(Patience));
        Assert.False(reconnecting);
        Assert.Equal(HubClientState.Disconnected, client.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.StartAsync());
    }
}
