using System.Text;

namespace Queue.Printing;

public enum CutMode { Full, Partial, None }

/// <summary>How the QR code is sent: the printer's own GS ( k, or a raster image we draw (printers without GS ( k).</summary>
public enum QrMode { Native, Raster }

public enum Alignment { Left, Center, Right }

/// <summary>
/// What one printer model can do (打印机参数): paper width, printable dots, columns of font A,
/// cutter, QR support, and which characters its resident font has.
/// </summary>
public sealed record PrinterProfile
{
    public int PaperMillimetres { get; init; } = 80;
    /// <summary>Printable width in dots: 384 on 58 mm, 576 on Chinese 80 mm printers (203 dpi).</summary>
    public int Dots { get; init; } = 576;
    /// <summary>Columns of 12-dot font A; a Chinese character takes two.</summary>
    public int Columns { get; init; } = 48;
    public CutMode Cut { get; init; } = CutMode.Partial;
    public QrMode Qr { get; init; } = QrMode.Native;
    /// <summary>QR module size in dots (GS ( k fn 167, 1..16); 5–8 scans well at 203 dpi.</summary>
    public int QrModuleSize { get; init; } = 8;
    /// <summary>True only for printers whose font covers 4-byte GB18030 (rare); otherwise those characters are replaced.</summary>
    public bool FourByteGb18030 { get; init; }

    public static PrinterProfile Paper58 { get; } = new() { PaperMillimetres = 58, Dots = 384, Columns = 32, QrModuleSize = 6 };
    public static PrinterProfile Paper80 { get; } = new();

    /// <summary>The standard profile for 58 or 80 mm paper.</summary>
    public static PrinterProfile ForPaper(int millimetres) => millimetres switch
    {
        58 => Paper58,
        80 => Paper80,
        _ => throw new ArgumentOutOfRangeException(nameof(millimetres), millimetres, "Paper width must be 58 or 80 mm."),
    };

    /// <summary>Character check: can this printer's resident font print <paramref name="rune"/> as text?</summary>
    public bool CanPrint(Rune rune) =>
        !Rune.IsControl(rune) && (FourByteGb18030 || PrinterText.Gb18030Length(rune) <= 2);

    public PrinterProfile Validate()
    {
        if (PaperMillimetres is not (58 or 80)) throw new ArgumentException($"Paper width {PaperMillimetres} mm is not 58 or 80.");
        if (Dots is < 128 or > 832 || Dots % 8 != 0) throw new ArgumentException($"Printable width {Dots} dots must be a multiple of 8 between 128 and 832.");
        if (Columns is < 16 or > 72) throw new ArgumentException($"Columns {Columns} must be 16..72.");
        if (QrModuleSize is < 1 or > 16) throw new ArgumentException($"QR module size {QrModuleSize} must be 1..16 dots.");
        if (!Enum.IsDefined(Cut)) throw new ArgumentException($"Unknown cut mode {(int)Cut}.");
        if (!Enum.IsDefined(Qr)) throw new ArgumentException($"Unknown QR mode {(int)Qr}.");
        return this;
    }
}
