using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Queue.Displays.Tests.Hub;

/// <summary>Whether the test hub turns newcomers away, as the silo does for a hall it does not know.</summary>
public sealed class Door
{
    public volatile bool Refuse;
}

/// <summary>The tiny hub the connection tests talk to.</summary>
public sealed class TestHub(Door door) : Microsoft.AspNetCore.SignalR.Hub
{
    public const string Welcome = "欢迎光临 政务服务中心";

    // Like the silo's HallState: the first message of every connection, so a client can resync.
    public override Task OnConnectedAsync() => door.Refuse
        ? throw new HubException("没有大厅 / Hall 'xuanen' does not exist.")
        : Clients.Caller.SendAsync("Welcome", Welcome);

    public int Add(int a, int b) => a + b;

    /// <summary>Ends the caller's connection from the server, as the silo cuts a revoked device (a Close without allowReconnect).</summary>
    public void Cut() => Context.Abort();
}

/// <summary>A real Kestrel app on 127.0.0.1 with the test hub at /hubs/test.</summary>
public sealed class TestHubServer : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required int Port { get; init; }
    public Door Door => App.Services.GetRequiredService<Door>();

    public static Uri HubUrl(int port) => new($"http://127.0.0.1:{port}/hubs/test?hall=xuanen&role=display");

    public static async Task<TestHubServer> StartAsync(int port = 0, bool refuse = false)
    {
        var (app, url) = await LoopbackApp.StartAsync(
            services => services.AddSignalR().Services.AddSingleton(new Door { Refuse = refuse }),
            app => app.MapHub<TestHub>("/hubs/test"), port);
        return new TestHubServer { App = app, Port = url.Port };
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
