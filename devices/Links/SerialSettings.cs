namespace Queue.Devices;

/// <summary>Parity bit (校验位). Mark/space are not offered: Linux termios has no portable flag for them.</summary>
public enum Parity { None, Odd, Even }

/// <summary>Stop bits (停止位). 1.5 is not distinguishable from 2 in termios.</summary>
public enum StopBits { One = 1, Two = 2 }

/// <summary>Flow control (流控). Linux has no DTR/DSR flow control; wire the printer's busy line to CTS.</summary>
public enum FlowControl { None, RtsCts, XonXoff }

/// <summary>Line settings of a serial port (串口参数); defaults are the usual printer 9600 8N1, no flow control.</summary>
public sealed record SerialSettings(
    int Baud = 9600,
    Parity Parity = Parity.None,
    int DataBits = 8,
    StopBits StopBits = StopBits.One,
    FlowControl Flow = FlowControl.None)
{
    public const int MinBaud = 50;
    public const int MaxBaud = 4_000_000;

    public static SerialSettings Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public SerialSettings Validate()
    {
        if (Baud is < MinBaud or > MaxBaud)
            throw new ArgumentException($"Baud rate {Baud} is out of range {MinBaud}..{MaxBaud}.");
        if (DataBits is < 5 or > 8)
            throw new ArgumentException($"Data bits must be 5, 6, 7 or 8, not {DataBits}.");
        if (!Enum.IsDefined(Parity)) throw new ArgumentException($"Unknown parity {(int)Parity}.");
        if (!Enum.IsDefined(StopBits)) throw new ArgumentException($"Stop bits must be 1 or 2, not {(int)StopBits}.");
        if (!Enum.IsDefined(Flow)) throw new ArgumentException($"Unknown flow control {(int)Flow}.");
        return this;
    }
}
