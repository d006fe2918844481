using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Queue.Displays.Tests.HubClient;

/// <summary>The tiny hub the client tests talk to.</summary>
public sealed class TestHub : Hub
{
    public const string Welcome = "欢迎光临 政务服务中心";

    // Like the silo's HallState: the first message after connecting, proves the server registered us.
    public override Task OnConnectedAsync() => Clients.Caller.SendAsync("Welcome", new { text = Welcome, port = Context.GetHttpContext()!.Connection.LocalPort });

    public int Add(int a, int b) => a + b;
    public string Echo(string text) => text;
    public void Boom() => throw new HubException("boom");
    public Task Shout(string text) => Clients.All.SendAsync("Heard", text);
    public Task SendBig(int chars) => Clients.Caller.SendAsync("Big", new string('号', chars));
}

/// <summary>A real Kestrel app on 127.0.0.1 with the test hub at /hubs/test and a raw WebSocket script at /raw.</summary>
public sealed class TestHubServer : IAsyncDisposable
{
    public required WebApplication App { get; init; }
    public required int Port { get; init; }

    public Uri HubUrl => new($"http://127.0.0.1:{Port}/hubs/test?hall=xuanen&role=display");
    public Uri RawUrl => new($"ws://127.0.0.1:{Port}/raw");

    /// <summary>What /raw answers to the handshake: a list of WebSocket frames, each (text, endOfMessage).</summary>
    public List<(string Text, bool End)> RawScript { get; } = [];

    public static async Task<TestHubServer> StartAsync(int port = 0, Action<HubOptions>? hub = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = 1 << 20;
            hub?.Invoke(o);
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.MapHub<TestHub>("/hubs/test");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        TestHubServer? server = null;
        app.Map("/raw", (HttpContext http) => server!.RunRawAsync(http));
        await app.StartAsync();
        server = new TestHubServer { App = app, Port = new Uri(addresses.Addresses.First()).Port };
        return server;
    }

    async Task RunRawAsync(HttpContext http)
    {
        using var ws = await http.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[1024];
        await ws.ReceiveAsync(buffer, http.RequestAborted); // the handshake request
        foreach (var (text, end) in RawScript)
            await ws.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, end, http.RequestAborted);
        try { while (!(await ws.ReceiveAsync(buffer, http.RequestAborted)).CloseStatus.HasValue) { } }
        catch (Exception) { }
    }

    public IHubContext<TestHub> Hub => App.Services.GetRequiredService<IHubContext<TestHub>>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
