namespace Queue.Printing;

/// <summary>Something the virtual printer put on paper, in order.</summary>
public abstract record PaperItem;

/// <summary>A stretch of text in one style. Width and Height are the GS ! multipliers (1..8).</summary>
public sealed record TextRun(string Text, int Width, int Height, bool Bold, bool Underline)
{
    /// <summary>Columns of font A this run covers on paper: text columns × width multiplier.</summary>
    public int Columns => PrinterText.Columns(Text) * Width;
}

/// <summary>One printed line (ended by LF or a feed). An empty line has no runs.</summary>
public sealed record PrintedLine(IReadOnlyList<TextRun> Runs, Alignment Alignment) : PaperItem
{
    public string Text => string.Concat(Runs.Select(r => r.Text));
    public int Columns => Runs.Sum(r => r.Columns);
    public int Width => Runs.Count == 0 ? 1 : Runs.Max(r => r.Width);
    public int Height => Runs.Count == 0 ? 1 : Runs.Max(r => r.Height);
    public bool Bold => Runs.Count > 0 && Runs.All(r => r.Bold || string.IsNullOrWhiteSpace(r.Text));
}

/// <summary>A QR code printed with GS ( k. ErrorLevel is 'L', 'M', 'Q' or 'H'.</summary>
public sealed record PrintedQr(string Payload, int ModuleSize, char ErrorLevel, Alignment Alignment) : PaperItem;

/// <summary>A GS v 0 raster image: <see cref="Bits"/> rows of <see cref="BytesPerRow"/>, MSB leftmost, 1 = black.</summary>
public sealed record PrintedImage(int BytesPerRow, int Rows, byte[] Bits, Alignment Alignment) : PaperItem
{
    public int WidthDots => BytesPerRow * 8;
    public bool IsBlack(int x, int y) => (Bits[y * BytesPerRow + x / 8] & (0x80 >> (x % 8))) != 0;
}

/// <summary>Blank paper: ESC d n (lines) or ESC J n (dots, Lines = 0).</summary>
public sealed record PaperFeed(int Lines, int Dots) : PaperItem;

public sealed record PaperCut(CutMode Mode) : PaperItem;

/// <summary>Everything decoded from one byte stream.</summary>
public sealed record DecodedPaper(IReadOnlyList<PaperItem> Items, IReadOnlyList<int> StatusQueries, IReadOnlyList<string> Warnings)
{
    public IEnumerable<PrintedLine> Lines => Items.OfType<PrintedLine>();
    public IEnumerable<PrintedLine> TextLines => Lines.Where(l => l.Text.Trim().Length > 0);
    public IEnumerable<PrintedQr> QrCodes => Items.OfType<PrintedQr>();
    public IEnumerable<PrintedImage> Images => Items.OfType<PrintedImage>();
    public IEnumerable<PaperCut> Cuts => Items.OfType<PaperCut>();
}
