using System.Runtime.InteropServices;

namespace Queue.Devices.Native;

/// <summary>
/// Kernel <c>struct termios2</c> (44 bytes, asm-generic/termbits.h, same on x86_64 and aarch64).
/// We use TCGETS2/TCSETS2 + BOTHER instead of glibc's cfsetspeed because glibc 2.42 changed the
/// speed ABI (HARDWARE.md §0.1); the kernel ioctl takes the numeric baud on every glibc.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Termios2
{
    public uint IFlag, OFlag, CFlag, LFlag;
    public byte Line;
    public fixed byte ControlChars[19];
    public uint ISpeed, OSpeed;

    // ioctl numbers for x86_64/aarch64 (they differ on powerpc, mips and sparc).
    public const nuint TCGETS2 = 0x802C542A, TCSETS2 = 0x402C542B;
    public const nuint TIOCEXCL = 0x540C, TIOCNXCL = 0x540D, TIOCOUTQ = 0x5411, TCFLSH = 0x540B;
    public const int TCIFLUSH = 0;

    // c_iflag
    private const uint IGNBRK = 0x1, BRKINT = 0x2, PARMRK = 0x8, INPCK = 0x10, ISTRIP = 0x20, INLCR = 0x40,
        IGNCR = 0x80, ICRNL = 0x100, IXON = 0x400, IXANY = 0x800, IXOFF = 0x1000;
    // c_oflag
    private const uint OPOST = 0x1;
    // c_lflag
    private const uint ISIG = 0x1, ICANON = 0x2, ECHO = 0x8, ECHOE = 0x10, ECHOK = 0x20, ECHONL = 0x40, IEXTEN = 0x8000;
    // c_cflag
    private const uint CSIZE = 0x30, CS5 = 0x0, CS6 = 0x10, CS7 = 0x20, CS8 = 0x30, CSTOPB = 0x40, CREAD = 0x80,
        PARENB = 0x100, PARODD = 0x200, CLOCAL = 0x800, CRTSCTS = 0x80000000, CBAUD = 0x100F, BOTHER = 0x1000;
    private const int IBSHIFT = 16, VTIME = 5, VMIN = 6;

    /// <summary>
    /// Raw mode with the given line settings. Raw matters for ESC/POS: IXON would eat 11/13 bytes
    /// inside QR or bitmap data, ICRNL/OPOST would rewrite 0D/0A.
    /// </summary>
    public void MakeRaw(SerialSettings s)
    {
        IFlag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXANY | IXOFF | INPCK);
        OFlag &= ~OPOST;
        LFlag &= ~(ECHO | ECHOE | ECHOK | ECHONL | ICANON | ISIG | IEXTEN);
        CFlag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
        CFlag |= CREAD | CLOCAL | s.DataBits switch { 5 => CS5, 6 => CS6, 7 => CS7, _ => CS8 };
        if (s.StopBits == StopBits.Two) CFlag |= CSTOPB;
        if (s.Parity != Parity.None) { CFlag |= PARENB; IFlag |= INPCK; }
        if (s.Parity == Parity.Odd) CFlag |= PARODD;
        if (s.Flow == FlowControl.RtsCts) CFlag |= CRTSCTS;
        if (s.Flow == FlowControl.XonXoff) IFlag |= IXON | IXOFF;

        // Numeric speed for both directions: replace the CBAUD fields with BOTHER.
        CFlag &= ~(CBAUD | (CBAUD << IBSHIFT));
        CFlag |= BOTHER | (BOTHER << IBSHIFT);
        ISpeed = OSpeed = (uint)s.Baud;

        // Reads return as soon as one byte is there; timeouts come from poll(2), not VTIME.
        ControlChars[VMIN] = 1;
        ControlChars[VTIME] = 0;
    }

    /// <summary>The line settings these flags describe (for reading back what the driver accepted).</summary>
    public readonly SerialSettings ToSettings() => new(
        Baud: (int)OSpeed,
        Parity: (CFlag & PARENB) == 0 ? Parity.None : (CFlag & PARODD) != 0 ? Parity.Odd : Parity.Even,
        DataBits: (CFlag & CSIZE) switch { CS5 => 5, CS6 => 6, CS7 => 7, _ => 8 },
        StopBits: (CFlag & CSTOPB) != 0 ? StopBits.Two : StopBits.One,
        Flow: (CFlag & CRTSCTS) != 0 ? FlowControl.RtsCts : (IFlag & IXON) != 0 ? FlowControl.XonXoff : FlowControl.None);

    /// <summary>True when nothing rewrites or swallows bytes: no echo, no canonical lines, no CR/LF mapping, no output processing.</summary>
    public readonly bool IsRaw =>
        (LFlag & (ECHO | ICANON | ISIG | IEXTEN)) == 0 && (OFlag & OPOST) == 0 && (IFlag & (ICRNL | INLCR | IGNCR | ISTRIP)) == 0;
}
