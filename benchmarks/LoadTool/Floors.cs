using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Queue.Benchmarks;

namespace Queue.Load;

/// <summary>The floors every figure is divided by, measured in the same run on the same machine.</summary>
public sealed record FloorFigures(Percentiles HttpRoundTrip, Percentiles WebSocketEcho, Percentiles DiskSync, double HttpPerSecond)
{
    /// <summary>A durable command cannot beat one HTTP round trip plus one fdatasync.</summary>
    public Percentiles Command => HttpRoundTrip + DiskSync;
    /// <summary>A call reaches a screen no sooner than one fdatasync plus one WebSocket message.</summary>
    public Percentiles Call => WebSocketEcho + DiskSync;
}

/// <summary>
/// A trivial Kestrel server in this process (a ticket-sized JSON answer and a WebSocket echo), so the floors
/// use the same HTTP stack and client as the silo runs, minus the silo's own work.
/// </summary>
public static class Floors
{
    private static readonly byte[] TicketSized = Encoding.UTF8.GetBytes($"{{\"id\":\"{new string('q', 26)}\",\"pad\":\"{new string('x', 560)}\"}}");

    public static async Task<FloorFigures> MeasureAsync(string diskFolder, int concurrency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/ping", () => Results.Bytes(TicketSized, "application/json"));
        app.MapPost("/ping", async (HttpContext c) =>
        {
            c.Response.StatusCode = 201;
            c.Response.ContentType = "application/json";
            await c.Response.Body.WriteAsync(TicketSized);
        });
        app.Map("/ws", Echo);
        await app.StartAsync();
        var url = new Uri(app.Urls.First());

        using var http = Http.Client(url, concurrency);
        var rtt = await HttpRoundTrips(http, 2000);
        var echo = await WebSocketEchoes(url, 2000);
        var perSecond = await HttpThroughput(http, concurrency, TimeSpan.FromSeconds(3));
        await app.StopAsync();
        return new FloorFigures(rtt, echo, DiskSyncs(diskFolder, 300), perSecond);
    }

    private static async Task<Percentiles> HttpRoundTrips(HttpClient http, int count)
    {
        var samples = new Samples();
        for (var i = 0; i < count + 200; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var r = await http.GetAsync("/ping");
            await r.Content.ReadAsByteArrayAsync();
            if (i >= 200) samples.AddSince(start); // the first ones warm the JIT and the connection
        }
        return samples.Summary();
    }

    // Closed loop at the same concurrency as the kiosks: the most this client and Kestrel do here.
    private static async Task<double> HttpThroughput(HttpClient http, int concurrency, TimeSpan duration)
    {
        long done = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                using var body = new StringContent("{\"categoryCode\":\"general\",\"kioskId\":\"load\"}", Encoding.UTF8, "application/json");
                using var r = await http.PostAsync("/ping", body);
                await r.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref done);
            }
        }));
        return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<Percentiles> WebSocketEchoes(Uri url, int count)
    {
        using var ws = new ClientWebSocket();
        await ws.ConnectAsync(new UriBuilder(url) { Scheme = "ws", Path = "/ws" }.Uri, CancellationToken.None);
        var message = Encoding.UTF8.GetBytes(new string('x', 300)); // about a TicketCalled record
        var buffer = new byte[4096];
        var samples = new Samples();
        for (var i = 0; i < count + 200; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await ws.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
            WebSocketReceiveResult r;
            do r = await ws.ReceiveAsync(buffer, CancellationToken.None); while (!r.EndOfMessage);
            if (i >= 200) samples.AddSince(start);
        }
        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        return samples.Summary();
    }

    private static async Task Echo(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
        using var ws = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) break;
            await ws.SendAsync(buffer.AsMemory(0, r.Count), r.MessageType, r.EndOfMessage, CancellationToken.None);
        }
        await ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    /// <summary>One commit's worth of disk: 512 bytes fdatasync'd, on the file system the silo's log will use.</summary>
    private static Percentiles DiskSyncs(string folder, int count)
    {
        var path = Path.Combine(folder, $"queue-disk-floor-{Environment.ProcessId}.bin");
        var samples = new Samples();
        using (var disk = new DiskFloor(path))
            for (var i = 0; i < count + 20; i++)
            {
                var start = Stopwatch.GetTimestamp();
                disk.WriteAndSync();
                if (i >= 20) samples.AddSince(start);
            }
        File.Delete(path);
        return samples.Summary();
    }
}

public static class Http
{
    /// <summary>
    /// Keep-alive connections to one loopback server, enough for every concurrent request; it keeps cookies (a
    /// sign-in, <see cref="Access.SignInAsync"/>) and sends a paired device's <paramref name="token"/> if given.
    /// </summary>
    public static HttpClient Client(Uri baseAddress, int connections, string? token = null)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseProxy = false,
        }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }
}
