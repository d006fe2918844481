using System.Runtime.InteropServices;

namespace Queue.Devices.Native;

/// <summary>The few libc calls the device links need. All set errno (read it with Marshal.GetLastPInvokeError).</summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    // open(2) flags, identical on x86_64 and aarch64 (HARDWARE.md §2.2).
    public const int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    public const int O_NOCTTY = 0x100, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;

    public const int EINTR = 4, EIO = 5, EAGAIN = 11, EBUSY = 16, ENODEV = 19, EINVAL = 22, ENOTTY = 25;

    public const short POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Lib, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Lib, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Lib, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    // ioctl is variadic in C; on x86_64 and aarch64 Linux a pointer third argument is passed like a fixed one.
    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, void* argument);

    [LibraryImport(Lib, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);

    /// <summary>"No such file or directory (errno 2)": strerror text plus the number for searching.</summary>
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    /// <summary>Opens with EINTR retry; throws with the path and the reason.</summary>
    public static int OpenOrThrow(string path, int flags)
    {
        while (true)
        {
            int fd = Open(path, flags);
            if (fd >= 0) return fd;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            string message = $"Cannot open {path}: {Describe(errno)}.";
            throw errno switch
            {
                1 or 13 => new UnauthorizedAccessException(
                    message + " Add the service user to the device's group (dialout for serial, lp for USB printers)."),
                EBUSY => new IOException(message + " Another program holds the port."),
                _ => new IOException(message),
            };
        }
    }
}
