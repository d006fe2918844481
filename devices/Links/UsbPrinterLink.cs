using Queue.Devices.Native;

namespace Queue.Devices;

/// <summary>
/// A USB printer-class device (/dev/usb/lpN, kernel usblp). Writes are bulk OUT. Reads (DLE EOT replies)
/// work only when the printer's interface is bidirectional; otherwise <see cref="ReadAsync"/> just times out
/// and <see cref="TryGetPortStatus"/> gives the IEEE-1284 status byte instead.
/// </summary>
public sealed class UsbPrinterLink : IDeviceLink
{
    private const nuint LPGETSTATUS = 0x060B;
    private readonly NonBlockingFile _file;
    private readonly PortClaim _claim;
    private bool _canRead;

    private UsbPrinterLink(DeviceAddress address, NonBlockingFile file, PortClaim claim, bool canRead) =>
        (Address, _file, _claim, _canRead) = (address, file, claim, canRead);

    public DeviceAddress Address { get; }

    public TimeSpan WriteStallTimeout { get; set; } = DeviceLinks.DefaultWriteStallTimeout;

    public static UsbPrinterLink Open(DeviceAddress address)
    {
        if (address.Kind != DeviceKind.Usb) throw new ArgumentException($"{address} is not a usb address.", nameof(address));
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("UsbPrinterLink needs Linux usblp.");
        var claim = PortClaim.Take(address.Path);
        try
        {
            // O_NONBLOCK: usblp returns EAGAIN instead of sleeping forever while the printer has no paper.
            const int flags = LibC.O_NOCTTY | LibC.O_CLOEXEC | LibC.O_NONBLOCK;
            int fd = LibC.Open(address.Path, LibC.O_RDWR | flags);
            bool canRead = fd >= 0;
            if (fd < 0) fd = LibC.OpenOrThrow(address.Path, LibC.O_WRONLY | flags); // write-only node or permissions
            return new UsbPrinterLink(address, new NonBlockingFile(address.Path, fd, zeroReadMeansGone: false), claim, canRead);
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct) =>
        _file.WriteAsync(data, WriteStallTimeout, ct);

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct)
    {
        if (_canRead)
        {
            try { return await _file.ReadAsync(buffer, timeout, ct).ConfigureAwait(false); }
            catch (NativeIOException e) when (e.Errno == LibC.EINVAL) { _canRead = false; } // unidirectional interface
        }
        await Task.Delay(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, ct).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// The IEEE-1284 port status (LPGETSTATUS): 0x20 paper out, 0x10 selected (online), 0x08 set = no error.
    /// Null when the driver cannot tell.
    /// </summary>
    public unsafe byte? TryGetPortStatus()
    {
        using var lease = _file.Lease();
        int status = 0;
        return LibC.Ioctl(lease.Fd, LPGETSTATUS, &status) == 0 ? (byte)status : null;
    }

    public ValueTask DisposeAsync()
    {
        _file.Dispose();
        _claim.Dispose();
        return ValueTask.CompletedTask;
    }
}
