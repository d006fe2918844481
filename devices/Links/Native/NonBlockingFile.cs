using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Queue.Devices.Native;

/// <summary>
/// A device file opened with O_NONBLOCK. Waits check poll(2) without blocking and sleep a tick between
/// checks, so cancellation and disposal are noticed at once and no thread is held while a device is quiet.
/// </summary>
internal sealed class NonBlockingFile : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestTick = TimeSpan.FromMilliseconds(20);
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
        var sinceProgress = Stopwatch.StartNew();
        while (done < data.Length)
        {
            var left = stallTimeout - sinceProgress.Elapsed;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException(
                    $"{Path} accepted no data for {stallTimeout.TotalSeconds:0.#} s ({done} of {data.Length} bytes sent): " +
                    "the device is off, held by flow control or stalled.");
            if (!await WaitAsync(LibC.POLLOUT, left, ct).ConfigureAwait(false)) continue;
            int n = TryWrite(data.Span[done..]);
            if (n > 0) { done += n; sinceProgress.Restart(); }
        }
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (buffer.Length == 0) return 0;
        int n = TryRead(buffer.Span);
        if (n > 0 || timeout <= TimeSpan.Zero) return Math.Max(n, 0);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var left = timeout - waited.Elapsed;
            if (left <= TimeSpan.Zero) return 0;
            if (!await WaitAsync(LibC.POLLIN, left, ct).ConfigureAwait(false)) continue;
            if ((n = TryRead(buffer.Span)) > 0) return n;
            if (n == 0) await Task.Delay(Tick, ct).ConfigureAwait(false); // "readable" but empty (usblp, plain files): don't spin
        }
    }

    // Waits hold no thread: a zero-timeout poll, then a sleep on a timer that grows from 1 to 20 ms.
    // Serial devices are slow (a byte at 9600 baud takes a millisecond), so that latency costs nothing,
    // while blocking poll(2) calls on pool threads starved everything else when several links waited.
    private async ValueTask<bool> WaitAsync(short events, TimeSpan limit, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        var tick = Tick;
        while (true)
        {
            if (Poll(events)) return true;
            var left = limit - waited.Elapsed;
            if (left <= TimeSpan.Zero) return false;
            await Task.Delay(left < tick ? left : tick, ct).ConfigureAwait(false);
            if (tick < LongestTick) tick *= 2;
        }
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

    /// <summary>poll(2) without waiting; true when the wanted event is set. Hang-up or error without data throws.</summary>
    private unsafe bool Poll(short events)
    {
        int rc, errno;
        short revents;
        using (var lease = _handle.Lease())
        {
            var poll = new LibC.PollFd { Fd = lease.Fd, Events = events };
            rc = LibC.Poll(&poll, 1, 0);
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
