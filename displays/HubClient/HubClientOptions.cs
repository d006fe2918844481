using System.Net.WebSockets;
using System.Text.Json;

namespace Queue.HubClient;

/// <summary>Timing and serialization settings of a <see cref="HallHubClient"/>.</summary>
public sealed class HubClientOptions
{
    /// <summary>Send a ping when nothing was sent for this long (server expects one within its ClientTimeoutInterval, 30 s by default).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>No inbound record for this long means the connection is dead (keep ≥ 2 × the server's KeepAliveInterval).</summary>
    public TimeSpan ServerTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connecting plus the handshake answer must finish within this time.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First reconnect delay; doubles per failed attempt.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Cap of the reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Random spread of each delay, as a fraction (0.2 = ±20 %), so many agents don't retry in step.</summary>
    public double ReconnectJitter { get; set; } = 0.2;

    /// <summary>Serializer for arguments and results; camelCase by default, like the server.</summary>
    public JsonSerializerOptions JsonOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Hook to set headers (e.g. Authorization) or a proxy on each new socket.</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; set; }
}
