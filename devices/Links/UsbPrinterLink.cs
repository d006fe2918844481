using System.Runtime.InteropServices;

namespace Queue.Devices;

/// <summary>
/// A USB printer-class device (/dev/usb/lpN, kernel usblp). Writes are bulk OUT. Reads (DLE EOT replies)
/// work only when the printer's interface is bidirectional; otherwise <see cref="ReadAsync"/> just times out
/// and <see cref="TryGetPortStatus"/> gives the IEEE-1284 status byte instead.
/// </summary>
/// <remarks>
/// usblp blocks in write() while the printer has no paper and in read() until the printer says something,
/// and neither can be cancelled. So each call runs on a thread of its own (never a pool thread), callers
/// stop waiting after their timeout, and a call still in flight is finished before the next one starts.
/// </remarks>
public sealed class UsbPrinterLink : IDeviceLink
{
    private const nuint LPGETSTATUS = 0x060B;
    private const int EINVAL = 22;
    private const int Chunk = 4096; // progress is measured per chunk, so a stalled printer is noticed
    private readonly FileStream _file;
    private readonly PortClaim _claim;
    private readonly byte[] _readBuffer = new byte[256];
    private int _readStart, _readEnd; // bytes read from the device but not handed out yet
    private Task<int>? _pendingRead, _pendingWrite;
    private bool _canRead;

    private UsbPrinterLink(DeviceAddress address, FileStream file, PortClaim claim, bool canRead) =>
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
            FileStream file;
            bool canRead = true;
            try { file = OpenFile(address.Path, FileAccess.ReadWrite); }
            catch (UnauthorizedAccessException) // a write-only node or permissions
            {
                file = OpenFile(address.Path, FileAccess.Write);
                canRead = false;
            }
            return new UsbPrinterLink(address, file, claim, canRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            claim.Dispose();
            throw e is UnauthorizedAccessException
                ? new UnauthorizedAccessException($"Cannot open {address.Path}: {e.Message} Add the service user to the lp group.", e)
                : new IOException($"Cannot open {address.Path}: {e.Message}", e);
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    private static FileStream OpenFile(string path, FileAccess access) =>
        new(path, FileMode.Open, access, FileShare.ReadWrite, bufferSize: 0);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        for (int started = 0; ;)
        {
            if (_pendingWrite is null)
            {
                if (started == data.Length) return;
                var piece = data[started..Math.Min(data.Length, started + Chunk)];
                started += piece.Length;
                _pendingWrite = OnOwnThread(() => { _file.Write(piece.Span); return piece.Length; });
            }
            try { await _pendingWrite.WaitAsync(WriteStallTimeout, ct).ConfigureAwait(false); }
            catch (TimeoutException)
            {
                throw new TimeoutException(
                    $"{Address.Path} accepted no data for {WriteStallTimeout.TotalSeconds:0.#} s: the printer is off, out of paper or stalled.");
            }
            catch (IOException e)
            {
                _pendingWrite = null;
                throw new IOException($"Writing to {Address.Path} failed: {e.Message}", e);
            }
            _pendingWrite = null;
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (buffer.Length == 0) return 0;
        if (_readStart == _readEnd && _canRead) await FillAsync(timeout, ct).ConfigureAwait(false);
        if (_readStart == _readEnd) return 0;
        int n = Math.Min(buffer.Length, _readEnd - _readStart);
        _readBuffer.AsMemory(_readStart, n).CopyTo(buffer);
        _readStart += n;
        return n;
    }

    private async ValueTask FillAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        _pendingRead ??= OnOwnThread(() => _file.Read(_readBuffer));
        try
        {
            int n = await _pendingRead.WaitAsync(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, ct).ConfigureAwait(false);
            _pendingRead = null;
            (_readStart, _readEnd) = (0, n);
            if (n > 0) return;
        }
        catch (TimeoutException) { return; } // the read stays in flight; its bytes go to the next caller
        catch (IOException e) when (e.HResult == EINVAL) { _pendingRead = null; _canRead = false; } // unidirectional interface
        catch (IOException e)
        {
            _pendingRead = null;
            throw new IOException($"Reading from {Address.Path} failed: {e.Message}", e);
        }
        // Nothing to read now and nothing will come (0 = no data on usblp): the caller still waits its timeout.
        var left = deadline - DateTime.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left, ct).ConfigureAwait(false);
    }

    private static Task<int> OnOwnThread(Func<int> call) =>
        Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// The IEEE-1284 port status (LPGETSTATUS): 0x20 paper out, 0x10 selected (online), 0x08 set = no error.
    /// Null when the driver cannot tell.
    /// </summary>
    public byte? TryGetPortStatus()
    {
        var handle = _file.SafeFileHandle;
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Ioctl((int)handle.DangerousGetHandle(), LPGETSTATUS, out int status) == 0 ? (byte)status : null;
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    // The one usblp call the BCL has no wrapper for.
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int Ioctl(int fd, nuint request, out int status);

    public ValueTask DisposeAsync()
    {
        // A call still blocked in usblp keeps the descriptor until it returns; the handle closes it then.
        _file.Dispose();
        _claim.Dispose();
        return ValueTask.CompletedTask;
    }
}
