using Microsoft.AspNetCore.Http.Features;

namespace Queue.Silo.Api;

public static class WebSocketRequests
{
    /// <summary>
    /// Whether the request asks to become a WebSocket, read from the request itself. The framework's IsWebSocketRequest
    /// holds only inside the hub's own pipeline (SignalR adds the WebSocket middleware there), so middleware ahead of it
    /// would take every hub WebSocket for a plain request.
    /// </summary>
    public static bool AsksForWebSocket(this HttpContext http) =>
        http.Features.Get<IHttpExtendedConnectFeature>() is { IsExtendedConnect: true } connect   // HTTP/2
            ? string.Equals(connect.Protocol, "websocket", StringComparison.OrdinalIgnoreCase)
            : HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
}
