namespace Queue.HubClient;

/// <summary>Where a <see cref="HallHubClient"/> is in its life.</summary>
public enum HubClientState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}

/// <summary>The server answered an invocation with an error (e.g. a HubException), or refused the handshake.</summary>
public sealed class HubInvocationException(string message) : Exception(message);

/// <summary>The connection ended before an invocation got its completion.</summary>
public sealed class HubConnectionLostException(string message, Exception? inner = null) : Exception(message, inner);
