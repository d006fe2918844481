using System.Buffers;
using System.Text;
using static Queue.Printing.EscPos;

namespace Queue.Printing;

/// <summary>
/// Writes ESC/POS commands into an <see cref="IBufferWriter{T}"/> (one method per command, HARDWARE.md §1.2–1.5).
/// Text goes through <see cref="PrinterText.MakePrintable(string?, PrinterProfile)"/>, so any string is safe to pass.
/// </summary>
public sealed class EscPosWriter(IBufferWriter<byte> output, PrinterProfile profile)
{
    public PrinterProfile Profile => profile;

    public EscPosWriter Initialize() => Bytes(ESC, EscPos.Initialize);

    /// <summary>FS &amp; / FS .: bytes 81–FE start a 2-byte Chinese character only in Chinese mode.</summary>
    public EscPosWriter ChineseMode(bool on) => Bytes(FS, on ? ChineseOn : ChineseOff);

    public EscPosWriter Align(Alignment alignment) => Bytes(ESC, EscPos.Align, (byte)alignment);

    public EscPosWriter Bold(bool on) => Bytes(ESC, Emphasize, on ? (byte)1 : (byte)0);

    /// <summary>GS ! n: width and height multipliers 1..8, for ASCII and Chinese alike.</summary>
    public EscPosWriter Size(int width, int height)
    {
        if (width is < 1 or > 8 || height is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(width), $"Character size {width}x{height} must be 1..8 in each direction.");
        return Bytes(GS, CharacterSize, (byte)(((width - 1) << 4) | (height - 1)));
    }

    public EscPosWriter Text(string text)
    {
        PrinterText.Encode(PrinterText.MakePrintable(text, profile), output);
        return this;
    }

    public EscPosWriter LineFeed() => Bytes(LF);

    public EscPosWriter Line(string text) => Text(text).LineFeed();

    /// <summary>ESC d n: print and feed n lines.</summary>
    public EscPosWriter Feed(int lines) =>
        lines is >= 0 and <= 255 ? Bytes(ESC, FeedLines, (byte)lines) : throw new ArgumentOutOfRangeException(nameof(lines));

    /// <summary>GS V function B (feed to the cutter, then cut). <see cref="CutMode.None"/> writes nothing.</summary>
    public EscPosWriter Cut(CutMode mode) => mode switch
    {
        CutMode.Full => Bytes(GS, EscPos.Cut, CutFullB, 0),
        CutMode.Partial => Bytes(GS, EscPos.Cut, CutPartialB, 0),
        _ => this,
    };

    /// <summary>
    /// Native QR (GS ( k): model 2, module size, error level, store, print. The payload must be ASCII:
    /// printers store raw bytes and phones read URLs as ASCII. Send at the start of a line.
    /// </summary>
    public EscPosWriter QrCode(string payload, int moduleSize, byte errorLevel = QrErrorM)
    {
        if (string.IsNullOrEmpty(payload) || !Ascii.IsValid(payload) || payload.Any(char.IsControl))
            throw new ArgumentException($"QR payload must be printable ASCII, got '{payload}'.", nameof(payload));
        if (payload.Length > 2000) throw new ArgumentException($"QR payload of {payload.Length} bytes is too long for ticket printers.", nameof(payload));
        if (moduleSize is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(moduleSize), moduleSize, "QR module size must be 1..16 dots.");
        if (errorLevel is < QrErrorL or > QrErrorH) throw new ArgumentOutOfRangeException(nameof(errorLevel), "QR error level must be 0x30..0x33.");

        QrFunction(QrModel, QrModel2, 0);
        QrFunction(QrModuleSize, (byte)moduleSize);
        QrFunction(QrErrorLevel, errorLevel);
        int length = payload.Length + 3; // pL pH count the bytes after pH: cn fn m + data
        Bytes(GS, ExtendedFunction, (byte)'k', (byte)(length & 0xFF), (byte)(length >> 8), QrCodeClass, QrStore, 0x30);
        var span = output.GetSpan(payload.Length);
        output.Advance(Encoding.ASCII.GetBytes(payload, span));
        return QrFunction(QrPrint, 0x30);
    }

    /// <summary>GS v 0: a 1-bit raster image, <paramref name="bytesPerRow"/> × <paramref name="rows"/>, MSB = leftmost dot, 1 = black.</summary>
    public EscPosWriter RasterImage(ReadOnlySpan<byte> bits, int bytesPerRow, int rows)
    {
        if (bytesPerRow < 1 || bytesPerRow * 8 > profile.Dots)
            throw new ArgumentOutOfRangeException(nameof(bytesPerRow), $"Image width {bytesPerRow * 8} dots does not fit the {profile.Dots}-dot paper.");
        if (rows is < 1 or > 0xFFFF || bits.Length != bytesPerRow * rows)
            throw new ArgumentException($"Image data is {bits.Length} bytes, expected {bytesPerRow} × {rows}.", nameof(bits));
        Bytes(GS, EscPos.RasterImage, 0x30, 0, (byte)(bytesPerRow & 0xFF), (byte)(bytesPerRow >> 8), (byte)(rows & 0xFF), (byte)(rows >> 8));
        bits.CopyTo(output.GetSpan(bits.Length));
        output.Advance(bits.Length);
        return this;
    }

    private EscPosWriter QrFunction(byte function, params ReadOnlySpan<byte> parameters)
    {
        int length = parameters.Length + 2;
        Bytes(GS, ExtendedFunction, (byte)'k', (byte)length, 0, QrCodeClass, function);
        return Bytes(parameters);
    }

    private EscPosWriter Bytes(params ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
        return this;
    }
}
