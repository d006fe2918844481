using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Queue.Displays.Tests.Agent;

/// <summary>
/// A real Kestrel between an agent and the silo, standing in for a backplane that loses a message: it relays the hub's
/// WebSocket frame by frame and every other request as it is, and drops the next hub message that <see cref="DropNext"/>
/// says to.
/// </summary>
public sealed class FrameDroppingRelay : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private Func<string, bool>? _drop;
    private readonly TaskCompletionSource _dropped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Url { get; }

    /// <summary>Drops the next message from the silo whose text matches; completes when it did.</summary>
    public Task DropNext(Func<string, bool> which)
    {
        Volatile.Write(ref _drop, which);
        return _dropped.Task;
    }

    private FrameDroppingRelay(WebApplication app, string url) => (_app, Url) = (app, url);

    public static async Task<FrameDroppingRelay> StartAsync(string silo)
    {
        FrameDroppingRelay? relay = null;
        var (app, url) = await LoopbackApp.StartAsync(_ => { },
            app => app.Run(http => http.WebSockets.IsWebSocketRequest ? relay!.Relay(http, silo) : relay!.Forward(http, silo)));
        return relay = new FrameDroppingRelay(app, url.ToString().TrimEnd('/'));
    }

    private async Task Relay(HttpContext http, string silo)
    {
        using var upstream = new ClientWebSocket();
        var target = new Uri(new Uri(silo.Replace("http", "ws")), http.Request.Path + http.Request.QueryString);
        await upstream.ConnectAsync(target, http.RequestAborted);
        using var agent = await http.WebSockets.AcceptWebSocketAsync();
        await Task.WhenAny(Pump(agent, upstream, drop: false), Pump(upstream, agent, drop: true));
    }

    private async Task Pump(WebSocket from, WebSocket to, bool drop)
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        while (from.State == WebSocketState.Open && to.State == WebSocketState.Open)
        {
            var r = await from.ReceiveAsync(buffer, CancellationToken.None);
            if (r.MessageType == WebSocketMessageType.Close) { await to.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None); return; }
            message.Write(buffer, 0, r.Count);
            if (!r.EndOfMessage) continue;
            var bytes = message.ToArray();
            message.SetLength(0);
            if (drop && Volatile.Read(ref _drop) is { } which && which(Encoding.UTF8.GetString(bytes)))
            {
                Volatile.Write(ref _drop, null);
                _dropped.TrySetResult();
                continue;
            }
            await to.SendAsync(bytes, r.MessageType, true, CancellationToken.None);
        }
    }

    private async Task Forward(HttpContext http, string silo)
    {
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(new Uri(silo), http.Request.Path + http.Request.QueryString));
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
            if (http.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        if (http.Request.Headers.Authorization.Count > 0) request.Headers.TryAddWithoutValidation("Authorization", http.Request.Headers.Authorization.ToString());
        using var response = await _http.SendAsync(request, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType) http.Response.ContentType = contentType.ToString();
        await response.Content.CopyToAsync(http.Response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
