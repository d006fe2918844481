using System.Collections.Concurrent;
using Queue.HubClient;

namespace Queue.Displays.Tests.HubClient;

/// <summary>Protocol corners a real hub rarely shows, played by a scripted WebSocket at /raw.</summary>
public sealed class HubProtocolTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    static HubClientOptions Fast() => new() { ReconnectInitialDelay = TimeSpan.FromMilliseconds(100), ReconnectMaxDelay = TimeSpan.FromMilliseconds(400) };

    [Fact]
    public async Task Records_are_split_on_0x1E_across_frames_and_within_one_frame()
    {
        await using var server = await TestHubServer.StartAsync();
        server.RawScript.AddRange([
            ("{}\u001e{\"type\":1,\"target\":\"n\",\"arguments\":[1]}\u001e{\"type\":1,\"tar", false),
            ("get\":\"n\",\"arguments\":[2]}\u001e", true),
            ("{\"type\":6}\u001e{\"type\":1,\"target\":\"n\",\"arguments\":[\"三\"]}\u001e", true),
        ]);
        await using var client = new HallHubClient(server.RawUrl, Fast());
        var seen = new ConcurrentQueue<string>();
        client.On("n", args => seen.Enqueue(args[0].ToString()));

        await client.StartAsync();

        await Wait.Until(() => seen.Count == 3, Patience, "three invocations");
        Assert.Equal(["1", "2", "三"], seen);
    }

    [Fact]
    public async Task A_server_that_goes_silent_is_treated_as_dead_after_ServerTimeout()
    {
        await using var server = await TestHubServer.StartAsync();
        server.RawScript.Add(("{}\u001e", true)); // handshake answer, then nothing, not even pings
        var options = Fast();
        options.ServerTimeout = TimeSpan.FromMilliseconds(600);
        await using var client = new HallHubClient(server.RawUrl, options);
        var reconnecting = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnecting += e => reconnecting.TrySetResult(e);
        var started = DateTime.UtcNow;

        await client.StartAsync();

        Assert.IsType<TimeoutException>(await reconnecting.Task.WaitAsync(Patience));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_refused_handshake_fails_Start_with_the_server_reason()
    {
        await using var server = await TestHubServer.StartAsync();
        server.RawScript.Add(("{\"error\":\"Requested protocol 'json' is not available.\"}\u001e", true));
        await using var client = new HallHubClient(server.RawUrl, Fast());

        var error = await Assert.ThrowsAsync<HubInvocationException>(() => client.StartAsync());

        Assert.Contains("not available", error.Message);
        Assert.Equal(HubClientState.Disconnected, client.State);
    }
}
