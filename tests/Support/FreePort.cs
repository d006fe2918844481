using System.Net;
using System.Net.Sockets;

namespace Queue.Tests.Support;

public static class FreePort
{
    /// <summary>A loopback TCP port nobody listens on right now, for a silo's HTTP, Orleans silo or gateway endpoint.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
