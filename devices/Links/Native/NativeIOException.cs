namespace Queue.Devices.Native;

/// <summary>An IOException that keeps the errno, so callers can tell "unsupported" (EINVAL) from "gone" (ENODEV, EIO).</summary>
internal sealed class NativeIOException(string message, int errno) : IOException(message)
{
    public int Errno { get; } = errno;
}
