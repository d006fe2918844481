using System.Net;
using System.Net.Sockets;

namespace Queue.TicketPrinter.Tests.Support;

/// <summary>A raw TCP "port 9100" printer on 127.0.0.1 and a free port, serving each connection with one <see cref="FakePrinter"/>.</summary>
public sealed class TcpFakePrinter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accepting;

    public TcpFakePrinter(FakeState state)
    {
        Printer = new FakePrinter(state);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public FakePrinter Printer { get; }
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public string Address => $"tcp://127.0.0.1:{Port}";

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                lock (_clients) _clients.Add(client);
                _ = Printer.ServeAsync(client.GetStream());
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { } // listener stopped
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _accepting;
        lock (_clients) foreach (var client in _clients) client.Dispose();
    }
}
