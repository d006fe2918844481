using System.Diagnostics;
using Ports = System.IO.Ports;

namespace Queue.Devices;

/// <summary>
/// A serial port (串口) through System.IO.Ports: raw mode, any numeric baud rate (its Linux shim uses
/// termios2 BOTHER for odd rates), reads and writes with timeouts on the package's own I/O thread.
/// Works on /dev/ttyS*, ttyUSB*, ttyACM* and pseudo terminals (socat pairs in tests).
/// </summary>
public sealed class SerialLink : IDeviceLink
{
    /// <summary>How long <see cref="DisposeAsync"/> waits for the port to close before abandoning it.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);
    private const int ENOTTY = 25;
    private readonly Ports.SerialPort _port;
    private readonly Stream _stream;
    private readonly PortClaim _claim;
    private string? _failure; // the first I/O failure; after it the port is never written again
    private int _disposed;

    private SerialLink(DeviceAddress address, Ports.SerialPort port, PortClaim claim) =>
        (Address, _port, _stream, _claim) = (address, port, port.BaseStream, claim);

    public DeviceAddress Address { get; }

    public SerialSettings Settings => Address.Serial!;

    /// <summary>A write fails when the port takes no byte for this long (e.g. RTS/CTS held by an offline printer).</summary>
    public TimeSpan WriteStallTimeout { get; set; } = DeviceLinks.DefaultWriteStallTimeout;

    /// <summary>Opens and configures the port; throws IOException / UnauthorizedAccessException naming the port and the reason.</summary>
    public static SerialLink Open(DeviceAddress address)
    {
        if (address.Kind != DeviceKind.Serial) throw new ArgumentException($"{address} is not a serial address.", nameof(address));
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("SerialLink is tested on Linux only.");
        var settings = address.Serial!.Validate();
        if (!File.Exists(address.Path)) throw new IOException($"Cannot open {address.Path}: no such device (unplugged, or a wrong path).");

        var claim = PortClaim.Take(address.Path);
        var port = new Ports.SerialPort(address.Path, settings.Baud, ToPorts(settings.Parity), settings.DataBits, ToPorts(settings.StopBits))
        {
            Handshake = settings.Flow switch
            {
                FlowControl.RtsCts => Ports.Handshake.RequestToSend,
                FlowControl.XonXoff => Ports.Handshake.XOnXOff,
                _ => Ports.Handshake.None,
            },
        };
        try
        {
            port.Open();
            RaiseModemLines(port);
            // Drop whatever the device sent before we were listening, so the first status reply is ours.
            port.DiscardInBuffer();
            return new SerialLink(address, port, claim);
        }
        catch (Exception e)
        {
            port.Dispose();
            claim.Dispose();
            // System.IO.Ports reports every failed open as "access denied"; the inner error tells them apart.
            throw e switch
            {
                UnauthorizedAccessException { InnerException: IOException { HResult: ENOTTY } } =>
                    new IOException($"{address.Path} is not a serial port (use usb:// for /dev/usb/lp* printers).", e),
                UnauthorizedAccessException => new UnauthorizedAccessException(
                    $"Cannot open {address.Path}: {e.InnerException?.Message ?? e.Message}. Add the service user to the dialout group, " +
                    "or stop the program that holds the port.", e),
                IOException or ArgumentException => new IOException($"Cannot open {address.Path} at {Describe(settings)}: {e.Message}", e),
                _ => e,
            };
        }
    }

    // System.IO.Ports drops DTR and RTS while opening (its defaults are false), where Linux raises both;
    // ttyACM printers send nothing while DTR is low. Pseudo terminals have no modem lines and refuse the
    // ioctl ("Inappropriate ioctl"), which costs nothing: there is no wire to signal on.
    private static void RaiseModemLines(Ports.SerialPort port)
    {
        try { port.DtrEnable = true; }
        catch (IOException) { }
        if (port.Handshake is Ports.Handshake.RequestToSend or Ports.Handshake.RequestToSendXOnXOff) return; // the driver owns RTS
        try { port.RtsEnable = true; }
        catch (IOException) { }
    }

    /// <summary>Returns once every byte has left the port (output queue empty), so replies can be timed from here.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        ThrowIfFailed();
        // A dead port answers the queue ioctl with an error: never hand it a write, or its Close() hangs.
        if (_port.BytesToWrite < 0) throw Fail("writing", null);
        // About a quarter of a second of line time per chunk, so a slow but moving port never looks stalled.
        int chunk = Math.Clamp(Settings.Baud / 40, 16, 4096);
        for (int done = 0; done < data.Length; done += chunk)
        {
            var piece = data[done..Math.Min(data.Length, done + chunk)];
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
            stall.CancelAfter(WriteStallTimeout);
            try { await _stream.WriteAsync(piece, stall.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"{Address.Path} accepted no data for {WriteStallTimeout.TotalSeconds:0.#} s ({done} of {data.Length} bytes sent): " +
                    "the device is off, held by flow control or stalled.");
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException) { throw Fail("writing", e); }
        }
        await WaitUntilSentAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct)
    {
        ThrowIfFailed();
        ct.ThrowIfCancellationRequested();
        if (buffer.Length == 0) return 0;
        if (timeout <= TimeSpan.Zero)
        {
            int waiting = _port.BytesToRead;
            if (waiting < 0) throw Fail("reading", null);
            if (waiting == 0) return 0;
            timeout = TimeSpan.FromMilliseconds(100); // bytes are there: the read returns as soon as the I/O thread takes them
        }
        // ReadAsync with a cancellation token holds no thread while the device is quiet.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try { return await _stream.ReadAsync(buffer, wait.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return 0; }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { throw Fail("reading", e); }
    }

    /// <summary>Throws away bytes received but not read yet.</summary>
    public void DiscardInput()
    {
        ThrowIfFailed();
        _port.DiscardInBuffer();
    }

    private async ValueTask WaitUntilSentAsync(CancellationToken ct)
    {
        var sinceProgress = Stopwatch.StartNew();
        int last = int.MaxValue, pending;
        while ((pending = _port.BytesToWrite) != 0)
        {
            if (pending < 0) throw Fail("writing", null);
            if (pending < last) { last = pending; sinceProgress.Restart(); }
            if (sinceProgress.Elapsed > WriteStallTimeout)
                throw new TimeoutException(
                    $"{Address.Path}: {pending} bytes still unsent after {WriteStallTimeout.TotalSeconds:0.#} s; flow control is holding or the device is off.");
            // About the time the UART needs for what is left (10 bits a byte), between 1 and 50 ms.
            int ms = (int)Math.Clamp(pending * 10_000L / Settings.Baud, 1, 50);
            await Task.Delay(ms, ct).ConfigureAwait(false);
        }
    }

    private void ThrowIfFailed()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_failure is not null) throw new IOException(_failure);
    }

    // System.IO.Ports ends pending I/O on a vanished device with ObjectDisposedException while IsOpen stays true.
    private Exception Fail(string what, Exception? cause)
    {
        if (_disposed != 0) return new ObjectDisposedException(Address.Path, cause);
        _failure ??= $"{Address.Path}: {what} failed: the device was unplugged or the other end is gone. Open the port again.";
        return new IOException(_failure, cause);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Close() on a dead port can hang for seconds: close on a thread of its own and, past CloseTimeout,
        // abandon the SerialPort (nothing touches it again) so callers and reconnects are not held up.
        var closing = Task.Factory.StartNew(() =>
        {
            try { _port.Dispose(); }
            catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException) { }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try { await closing.WaitAsync(CloseTimeout).ConfigureAwait(false); }
        catch (TimeoutException) { }
        _claim.Dispose();
    }

    private static Ports.Parity ToPorts(Parity parity) => parity switch
    {
        Parity.Odd => Ports.Parity.Odd,
        Parity.Even => Ports.Parity.Even,
        _ => Ports.Parity.None,
    };

    private static Ports.StopBits ToPorts(StopBits stopBits) => stopBits == StopBits.Two ? Ports.StopBits.Two : Ports.StopBits.One;

    private static string Describe(SerialSettings s) =>
        $"{s.Baud} baud {s.DataBits}{s.Parity.ToString()[0]}{(int)s.StopBits}";
}
