using System.Runtime.InteropServices;

namespace Queue.Devices.Native;

/// <summary>Owns a file descriptor; the close waits for any syscall still running on it (SafeHandle ref count).</summary>
internal sealed class DescriptorHandle : SafeHandle
{
    public DescriptorHandle(int fd) : base(new IntPtr(-1), ownsHandle: true) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>Borrows the raw fd for one syscall: <c>using var lease = handle.Lease();</c>.</summary>
    public Borrowed Lease()
    {
        bool added = false;
        DangerousAddRef(ref added); // throws ObjectDisposedException once disposed
        return new Borrowed(this, (int)handle.ToInt64());
    }

    protected override bool ReleaseHandle() => LibC.Close((int)handle.ToInt64()) == 0;

    public readonly struct Borrowed(DescriptorHandle owner, int fd) : IDisposable
    {
        public int Fd => fd;
        public void Dispose() => owner.DangerousRelease();
    }
}
