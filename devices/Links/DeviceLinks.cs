namespace Queue.Devices;

/// <summary>Opens the right <see cref="IDeviceLink"/> for an address (设备连接工厂).</summary>
public static class DeviceLinks
{
    /// <summary>Default for every link's WriteStallTimeout: how long a device may accept nothing before a write fails.</summary>
    public static readonly TimeSpan DefaultWriteStallTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Opens a serial port, USB printer or TCP connection. <paramref name="connectTimeout"/> bounds the TCP
    /// connect; local devices open at once. Failures are IOException, TimeoutException or
    /// UnauthorizedAccessException with the device and the reason in the message.
    /// </summary>
    public static async Task<IDeviceLink> OpenAsync(DeviceAddress address, TimeSpan connectTimeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (connectTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(connectTimeout), connectTimeout, "The connect timeout must be positive.");
        ct.ThrowIfCancellationRequested();
        return address.Kind switch
        {
            DeviceKind.Serial => SerialLink.Open(address),
            DeviceKind.Usb => UsbPrinterLink.Open(address),
            DeviceKind.Tcp => await TcpLink.ConnectAsync(address, connectTimeout, ct).ConfigureAwait(false),
            _ => throw new ArgumentException($"Unsupported device kind {address.Kind}.", nameof(address)),
        };
    }

    /// <summary>Reads and throws away whatever already waits in the input (stale replies), without waiting.</summary>
    public static async ValueTask DiscardInputAsync(this IDeviceLink link, CancellationToken ct)
    {
        var scrap = new byte[64];
        while (await link.ReadAsync(scrap, TimeSpan.Zero, ct).ConfigureAwait(false) > 0) { }
    }

    /// <summary>Reads exactly <paramref name="buffer"/>.Length bytes unless <paramref name="timeout"/> passes first; returns the count read.</summary>
    public static async ValueTask<int> ReadExactlyAsync(this IDeviceLink link, Memory<byte> buffer, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        int done = 0;
        while (done < buffer.Length)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) break;
            int n = await link.ReadAsync(buffer[done..], left, ct).ConfigureAwait(false);
            if (n == 0) break;
            done += n;
        }
        return done;
    }
}
