using System.Diagnostics;
using System.Runtime.InteropServices;
using Queue.Devices.Native;

namespace Queue.Devices;

/// <summary>
/// A serial port on Linux (串口) without System.IO.Ports: open(O_NONBLOCK) → TIOCEXCL → termios2
/// raw mode with a numeric baud (TCGETS2/TCSETS2 + BOTHER) → poll(2) for reads and writes with timeouts.
/// Works on /dev/ttyS*, ttyUSB*, ttyACM* and pseudo terminals (socat pairs in tests).
/// </summary>
public sealed class SerialLink : IDeviceLink
{
    private readonly NonBlockingFile _file;
    private readonly PortClaim _claim;

    private SerialLink(DeviceAddress address, NonBlockingFile file, PortClaim claim) =>
        (Address, _file, _claim) = (address, file, claim);

    public DeviceAddress Address { get; }

    public SerialSettings Settings => Address.Serial!;

    /// <summary>A write fails when the port takes no byte for this long (e.g. RTS/CTS held by an offline printer).</summary>
    public TimeSpan WriteStallTimeout { get; set; } = DeviceLinks.DefaultWriteStallTimeout;

    /// <summary>Opens and configures the port; throws IOException / UnauthorizedAccessException naming the port and the reason.</summary>
    public static SerialLink Open(DeviceAddress address)
    {
        if (address.Kind != DeviceKind.Serial) throw new ArgumentException($"{address} is not a serial address.", nameof(address));
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("SerialLink needs Linux termios2.");
        Debug.Assert(Marshal.SizeOf<Termios2>() == 44, "struct termios2 must be 44 bytes");
        var settings = address.Serial!.Validate();

        var claim = PortClaim.Take(address.Path);
        NonBlockingFile? file = null;
        try
        {
            file = new NonBlockingFile(address.Path,
                LibC.OpenOrThrow(address.Path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC | LibC.O_NONBLOCK));
            Configure(file, settings);
            return new SerialLink(address, file, claim);
        }
        catch
        {
            file?.Dispose();
            claim.Dispose();
            throw;
        }
    }

    private static unsafe void Configure(NonBlockingFile file, SerialSettings settings)
    {
        using var lease = file.Lease();
        int fd = lease.Fd;
        // Keeps other (non-root) processes off the port; root bypasses it (HARDWARE.md §0.5), hence PortClaim.
        if (LibC.Ioctl(fd, Termios2.TIOCEXCL, 0) != 0)
            throw Fail(file.Path, "cannot get exclusive access");

        Termios2 tio;
        if (LibC.Ioctl(fd, Termios2.TCGETS2, &tio) != 0)
            throw Fail(file.Path, "cannot read the port settings");
        tio.MakeRaw(settings);
        if (LibC.Ioctl(fd, Termios2.TCSETS2, &tio) != 0)
            throw Fail(file.Path, $"cannot apply {settings.Baud} baud {settings.DataBits}{settings.Parity.ToString()[0]}{(int)settings.StopBits}");

        // USB adapters round unsupported rates to the nearest they can do; more than 3 % off garbles every byte.
        if (LibC.Ioctl(fd, Termios2.TCGETS2, &tio) == 0 && Math.Abs((long)tio.OSpeed - settings.Baud) * 100 > settings.Baud * 3L)
            throw new IOException($"{file.Path} cannot run at {settings.Baud} baud (the driver chose {tio.OSpeed}); pick a standard rate.");

        // Drop whatever the device sent before we were listening, so the first status reply is ours.
        LibC.Ioctl(fd, Termios2.TCFLSH, Termios2.TCIFLUSH);
    }

    private static IOException Fail(string path, string what)
    {
        int errno = Marshal.GetLastPInvokeError();
        return errno == LibC.ENOTTY
            ? new IOException($"{path} is not a serial port (use usb:// for /dev/usb/lp* printers).")
            : new IOException($"{path}: {what}: {LibC.Describe(errno)}.");
    }

    /// <summary>Returns once every byte has left the port (output queue empty), so replies can be timed from here.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        await _file.WriteAsync(data, WriteStallTimeout, ct).ConfigureAwait(false);
        await WaitUntilSentAsync(ct).ConfigureAwait(false);
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct) =>
        _file.ReadAsync(buffer, timeout, ct);

    /// <summary>
    /// Reads back what the driver actually applied (TCGETS2), e.g. to confirm a USB adapter took an odd baud rate.
    /// Also reports whether the port is in raw mode.
    /// </summary>
    public unsafe (SerialSettings Settings, bool Raw) ReadBackSettings()
    {
        using var lease = _file.Lease();
        Termios2 tio;
        if (LibC.Ioctl(lease.Fd, Termios2.TCGETS2, &tio) != 0) throw Fail(Address.Path, "cannot read the port settings");
        return (tio.ToSettings(), tio.IsRaw);
    }

    /// <summary>Throws away bytes received but not read yet.</summary>
    public void DiscardInput()
    {
        using var lease = _file.Lease();
        LibC.Ioctl(lease.Fd, Termios2.TCFLSH, Termios2.TCIFLUSH);
    }

    private async ValueTask WaitUntilSentAsync(CancellationToken ct)
    {
        var sinceProgress = Stopwatch.StartNew();
        int last = int.MaxValue, pending;
        while ((pending = _file.PendingOutput()) > 0)
        {
            if (pending < last) { last = pending; sinceProgress.Restart(); }
            if (sinceProgress.Elapsed > WriteStallTimeout)
                throw new TimeoutException(
                    $"{Address.Path}: {pending} bytes still unsent after {WriteStallTimeout.TotalSeconds:0.#} s; flow control is holding or the device is off.");
            // About the time the UART needs for what is left (10 bits a byte), between 1 and 50 ms.
            int ms = (int)Math.Clamp(pending * 10_000L / Settings.Baud, 1, 50);
            await Task.Delay(ms, ct).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            using var lease = _file.Lease();
            LibC.Ioctl(lease.Fd, Termios2.TIOCNXCL, 0); // best effort, as dotnet/runtime does
        }
        catch (ObjectDisposedException) { }
        _file.Dispose();
        _claim.Dispose();
        return ValueTask.CompletedTask;
    }
}
