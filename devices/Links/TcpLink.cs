using System.Net.Sockets;

namespace Queue.Devices;

/// <summary>
/// Raw TCP to a network printer (port 9100) or display. One connection per job: many printers accept a
/// single client only. Printers stall (TCP window full) rather than fail when out of paper, hence the write timeout.
/// </summary>
public sealed class TcpLink : IDeviceLink
{
    private const int Chunk = 4096; // progress is measured per chunk, so a stalled printer is noticed
    private readonly Socket _socket;

    private TcpLink(DeviceAddress address, Socket socket) => (Address, _socket) = (address, socket);

    public DeviceAddress Address { get; }

    /// <summary>A write fails when the printer takes no chunk of data for this long.</summary>
    public TimeSpan WriteStallTimeout { get; set; } = DeviceLinks.DefaultWriteStallTimeout;

    public static async Task<TcpLink> ConnectAsync(DeviceAddress address, TimeSpan connectTimeout, CancellationToken ct)
    {
        if (address.Kind != DeviceKind.Tcp) throw new ArgumentException($"{address} is not a tcp address.", nameof(address));
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connectTimeout);
        try
        {
            await socket.ConnectAsync(address.Host, address.Port, timeout.Token).ConfigureAwait(false);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            return new TcpLink(address, socket);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No answer from {address.Host}:{address.Port} within {connectTimeout.TotalSeconds:0.#} s: the printer is off, unplugged or the address is wrong.");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new IOException($"Cannot connect to {address.Host}:{address.Port}: {e.Message} ({e.SocketErrorCode}).", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        for (int done = 0; done < data.Length;)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stall.CancelAfter(WriteStallTimeout);
            try
            {
                done += await _socket.SendAsync(data[done..Math.Min(data.Length, done + Chunk)], SocketFlags.None, stall.Token)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"{Address} accepted no data for {WriteStallTimeout.TotalSeconds:0.#} s ({done} of {data.Length} bytes sent): the printer is stalled.");
            }
            catch (SocketException e)
            {
                throw new IOException($"Writing to {Address} failed: {e.Message} ({e.SocketErrorCode}).", e);
            }
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct)
    {
        if (buffer.Length == 0) return 0;
        if (timeout <= TimeSpan.Zero)
        {
            if (_socket.Available == 0) return 0;
            timeout = TimeSpan.FromMilliseconds(1); // data is there; a receive returns at once
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        int n;
        try
        {
            n = await _socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return 0;
        }
        catch (SocketException e)
        {
            throw new IOException($"Reading from {Address} failed: {e.Message} ({e.SocketErrorCode}).", e);
        }
        return n > 0 ? n : throw new IOException($"{Address} closed the connection.");
    }

    public ValueTask DisposeAsync()
    {
        try { _socket.Shutdown(SocketShutdown.Both); }
        catch (SocketException) { } // already reset by the peer
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
