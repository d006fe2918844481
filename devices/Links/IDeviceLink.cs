namespace Queue.Devices;

/// <summary>
/// An open byte link to one device (设备连接): serial port, USB printer or TCP socket.
/// One owner per link: do not run two writes (or two reads) at the same time.
/// </summary>
public interface IDeviceLink : IAsyncDisposable
{
    /// <summary>Where this link goes.</summary>
    DeviceAddress Address { get; }

    /// <summary>
    /// Writes all bytes. Throws <see cref="TimeoutException"/> when the device accepts nothing for
    /// <see cref="DeviceLinks.DefaultWriteStallTimeout"/> (flow control held, printer stalled),
    /// <see cref="IOException"/> when the device is gone.
    /// </summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct);

    /// <summary>
    /// Reads what is available, waiting at most <paramref name="timeout"/> for the first byte.
    /// Returns 0 on timeout; throws <see cref="IOException"/> when the device or connection is gone.
    /// </summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct);
}
