namespace Queue.Printing;

/// <summary>ESC/POS command bytes we use, named (HARDWARE.md §1.2–1.6). Values are the wire bytes.</summary>
public static class EscPos
{
    public const byte LF = 0x0A, CR = 0x0D, HT = 0x09;
    public const byte DLE = 0x10, EOT = 0x04, ENQ = 0x05;
    public const byte ESC = 0x1B, FS = 0x1C, GS = 0x1D;

    // Second bytes after ESC.
    public const byte Initialize = (byte)'@';     // ESC @
    public const byte Align = (byte)'a';          // ESC a n: 0 left, 1 centre, 2 right
    public const byte Emphasize = (byte)'E';      // ESC E n: bold
    public const byte DoubleStrike = (byte)'G';   // ESC G n
    public const byte Underline = (byte)'-';      // ESC - n
    public const byte PrintMode = (byte)'!';      // ESC ! n (also GS ! and FS !)
    public const byte FeedLines = (byte)'d';      // ESC d n
    public const byte FeedDots = (byte)'J';       // ESC J n

    // Second bytes after FS (Chinese/Kanji family).
    public const byte ChineseOn = (byte)'&';      // FS &
    public const byte ChineseOff = (byte)'.';     // FS .
    public const byte ChineseQuadruple = (byte)'W';

    // Second bytes after GS.
    public const byte CharacterSize = (byte)'!';  // GS ! n: high nibble width-1, low nibble height-1
    public const byte Cut = (byte)'V';            // GS V m [n]
    public const byte RasterImage = (byte)'v';    // GS v 0 m xL xH yL yH d…
    public const byte ExtendedFunction = (byte)'('; // GS ( k … (QR)

    // GS V modes. Function B feeds to the cutter first, the best default for tickets.
    public const byte CutFullA = 0x00, CutPartialA = 0x01, CutFullB = 0x41, CutPartialB = 0x42;

    // GS ( k, cn = '1' (QR code) functions.
    public const byte QrCodeClass = 0x31;
    public const byte QrModel = 0x41, QrModuleSize = 0x43, QrErrorLevel = 0x45, QrStore = 0x50, QrPrint = 0x51, QrSizeInfo = 0x52;
    public const byte QrModel2 = 0x32;
    public const byte QrErrorL = 0x30, QrErrorM = 0x31, QrErrorQ = 0x32, QrErrorH = 0x33;

    /// <summary>DLE EOT n: real-time status. n = 1 printer, 2 offline cause, 3 error cause, 4 paper sensor.</summary>
    public static byte[] StatusQuery(int n) =>
        n is >= 1 and <= 4 ? [DLE, EOT, (byte)n] : throw new ArgumentOutOfRangeException(nameof(n), n, "DLE EOT n must be 1..4.");
}
