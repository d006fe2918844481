using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Queue.Benchmarks;

/// <summary>
/// The disk's floor for a commit: 512 bytes written in place and fdatasync'd, as SQLite syncs its WAL on Linux.
/// (FileStream.Flush(true) is a full fsync, which also journals the file's times and costs more than a commit.)
/// </summary>
public sealed class DiskFloor : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly byte[] _page = new byte[512];
    private int _slot;

    public DiskFloor(string path)
    {
        _file = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, preallocationSize: 1 << 20);
        RandomAccess.Write(_file, new byte[1 << 20], 0);
        fsync(_file.DangerousGetHandle().ToInt32());
    }

    public void WriteAndSync()
    {
        RandomAccess.Write(_file, _page, _slot++ % 2048 * 512L);
        if (fdatasync(_file.DangerousGetHandle().ToInt32()) != 0) throw new IOException($"fdatasync failed: {Marshal.GetLastPInvokeError()}");
    }

    public void Dispose() => _file.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);
}
