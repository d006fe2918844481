using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Queue.Serial.Native;

/// <summary>
/// A device file opened with O_NONBLOCK. Waits use poll(2) in short slices on a pool thread so
/// cancellation and disposal are noticed within <see cref="Slice"/>; nothing ever blocks forever.
/// </summary>
internal sealed class NonBlockingFile : IDisposable
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);
    private readonly DescriptorHandle _handle;
    private readonly bool _zeroReadMeansGone;

    /// <param name="zeroReadMeansGone">
    /// True for ttys, where read() = 0 means the other end hung up; false for usblp, where it only means "no data".
    /// </param>
    public NonBlockingFile(string path, int fd, bool zeroReadMeansGone = true) =>
        (Path, _handle, _zeroReadMeansGone) = (path, new DescriptorHandle(fd), zeroReadMeansGone);

    public string Path { get; }

    /// <summary>Borrows the fd for an ioctl: <c>using var lease = file.Lease();</c>.</summary>
    public DescriptorHandle.Borrowed Lease() => _handle.Lease();

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, TimeSpan stallTimeout, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        int done = Math.Max(0, TryWrite(data.Span)); // fast path: the kernel buffer usually takes a ticket at once
        if (done == data.Length) return;
        await Task.Run(() =>
        {
            var sinceProgress = Stopwatch.StartNew();
            while (done < data.Length)
            {
                int n = TryWrite(data.Span[done..]);
                if (n > 0) { done += n; sinceProgress.Restart(); continue; }
                var left = stallTimeout - sinceProgress.Elapsed;
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException(
                        $"{Path} accepted no data for {stallTimeout.TotalSeconds:0.#} s ({done} of {data.Length} bytes sent): " +
                        "the device is off, held by flow control or stalled.");
                WaitFor(LibC.POLLOUT, left < Slice ? left : Slice, ct);
            }
        }, ct).ConfigureAwait(false);
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (buffer.Length == 0) return 0;
        int n = TryRead(buffer.Span);
        if (n > 0 || timeout <= TimeSpan.Zero) return Math.Max(n, 0);
        return await Task.Run(() =>
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                var left = timeout - waited.Elapsed;
                if (left <= TimeSpan.Zero) return 0;
                if (!WaitFor(LibC.POLLIN, left < Slice ? left : Slice, ct)) continue;
                if ((n = TryRead(buffer.Span)) > 0) return n;
                if (n == 0) Thread.Sleep(10); // "readable" but empty (usblp, plain files): don't spin
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Bytes written but not yet sent, or -1 when the device cannot tell.</summary>
    public unsafe int PendingOutput()
    {
        using var lease = _handle.Lease();
        int count = 0;
        return LibC.Ioctl(lease.Fd, Termios2.TIOCOUTQ, &count) == 0 ? count : -1;
    }

    /// <summary>Returns the byte count, -1 when the call would block.</summary>
    private unsafe int TryWrite(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            while (true)
            {
                nint n;
                int errno;
                using (var lease = _handle.Lease())
                {
                    n = LibC.Write(lease.Fd, p, data.Length);
                    errno = Marshal.GetLastPInvokeError();
                }
                if (n >= 0) return (int)n;
                if (errno == LibC.EINTR) continue;
                if (errno == LibC.EAGAIN) return -1;
                throw new NativeIOException($"Writing to {Path} failed: {LibC.Describe(errno)}.", errno);
            }
        }
    }

    /// <summary>Returns the byte count (0: an empty read where that is not an end), -1 when nothing is there yet.</summary>
    private unsafe int TryRead(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                nint n;
                int errno;
                using (var lease = _handle.Lease())
                {
                    n = LibC.Read(lease.Fd, p, buffer.Length);
                    errno = Marshal.GetLastPInvokeError();
                }
                if (n > 0) return (int)n;
                if (n == 0 && _zeroReadMeansGone) throw new IOException($"{Path} reached end of file: the device or the other end is gone.");
                if (n == 0) return 0;
                if (errno == LibC.EINTR) continue;
                if (errno == LibC.EAGAIN) return -1;
                throw new NativeIOException($"Reading from {Path} failed: {LibC.Describe(errno)}.", errno);
            }
        }
    }

    /// <summary>poll(2) for one slice; true when the wanted event is set. Hang-up or error without data throws.</summary>
    private unsafe bool WaitFor(short events, TimeSpan slice, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        int rc, errno;
        short revents;
        using (var lease = _handle.Lease())
        {
            var poll = new LibC.PollFd { Fd = lease.Fd, Events = events };
            rc = LibC.Poll(&poll, 1, Math.Max(1, (int)Math.Ceiling(slice.TotalMilliseconds)));
            errno = Marshal.GetLastPInvokeError();
            revents = poll.Revents;
        }
        if (rc < 0) return errno == LibC.EINTR ? false : throw new IOException($"poll on {Path} failed: {LibC.Describe(errno)}.");
        if ((revents & events) != 0) return true;
        if ((revents & LibC.POLLNVAL) != 0) throw new ObjectDisposedException(Path);
        if ((revents & (LibC.POLLHUP | LibC.POLLERR)) != 0)
            throw new IOException($"{Path} hung up: the device was unplugged or the other end closed.");
        return false;
    }

    public void Dispose() => _handle.Dispose();
}
