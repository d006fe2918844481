using System.Text;
using static Queue.Printing.EscPos;

namespace Queue.Printing;

/// <summary>
/// The virtual printer (虚拟打印机): reads an ESC/POS byte stream back into lines (GB18030 text, size,
/// bold, alignment), QR payloads, raster images, feeds, cuts and status queries. It follows the printer's
/// rules where they matter for tickets: ESC @ drops unprinted text, ESC a counts at the start of a line,
/// Chinese mode is on after power-on and ESC @. Commands it does not model are skipped with a warning.
/// </summary>
public sealed class EscPosDecoder
{
    private const int MaxWarnings = 100;
    private readonly byte[] _data;
    private readonly List<PaperItem> _items = [];
    private readonly List<int> _queries = [];
    private readonly List<string> _warnings = [];
    private readonly List<TextRun> _runs = [];
    private readonly List<byte> _pending = [];
    private Alignment? _lineAlignment;
    private TextStyle _style = TextStyle.Default;
    private Alignment _alignment;
    private bool _chinese = true;
    private int _qrModuleSize = 3;
    private byte _qrLevel = QrErrorL;
    private byte[]? _qrData;

    private EscPosDecoder(byte[] data) => _data = data;

    private readonly record struct TextStyle(int Width, int Height, bool Bold, bool Underline)
    {
        public static TextStyle Default => new(1, 1, false, false);
    }

    public static DecodedPaper Decode(ReadOnlySpan<byte> bytes) => new EscPosDecoder(bytes.ToArray()).Run();

    private DecodedPaper Run()
    {
        for (int i = 0; i < _data.Length;)
        {
            int used = _data[i] switch
            {
                LF => EndLine(),
                CR => 1,
                HT => AddText(i, 1, isTab: true),
                DLE => Dle(i),
                ESC => Esc(i),
                FS => Fs(i),
                GS => EscPosGsCommands.Run(this, i),
                < 0x20 or 0x7F => Warn(i, 1, $"control byte 0x{_data[i]:X2} ignored"),
                _ => Text(i),
            };
            i += Math.Max(1, used);
        }
        if (LineHasContent)
        {
            Warn(_data.Length, 0, "text after the last LF stays in the printer's buffer (not printed yet)");
            EndLine();
        }
        return new DecodedPaper(_items, _queries, _warnings);
    }

    internal byte[] Data => _data;

    private bool LineHasContent => _runs.Count > 0 || _pending.Count > 0;

    private int Text(int i)
    {
        byte b = _data[i];
        int length = 1;
        if (_chinese && b >= 0x81 && i + 1 < _data.Length)
            length = _data[i + 1] is >= 0x30 and <= 0x39 && i + 3 < _data.Length ? 4 : 2; // GB18030 4-byte form: lead, digit, lead, digit
        if (!_chinese && b >= 0x80) Warn(i, 0, "byte above 0x7F outside Chinese mode (code-page character)");
        return AddText(i, length, isTab: false);
    }

    private int AddText(int i, int length, bool isTab)
    {
        _lineAlignment ??= _alignment; // ESC a only counts at the start of a line
        if (isTab) _pending.Add((byte)' ');
        else for (int k = 0; k < length; k++) _pending.Add(_data[i + k]);
        return length;
    }

    private void SetStyle(TextStyle style)
    {
        if (style == _style) return;
        FlushRun();
        _style = style;
    }

    private void FlushRun()
    {
        if (_pending.Count == 0) return;
        _runs.Add(new TextRun(PrinterText.Gb18030.GetString(_pending.ToArray()), _style.Width, _style.Height, _style.Bold, _style.Underline));
        _pending.Clear();
    }

    /// <summary>LF: print the buffer as one line (an empty buffer still feeds a blank line).</summary>
    internal int EndLine()
    {
        FlushRun();
        _items.Add(new PrintedLine(_runs.ToList(), _lineAlignment ?? _alignment));
        _runs.Clear();
        _lineAlignment = null;
        return 1;
    }

    /// <summary>Feeds, cuts, QR and images print what is buffered first.</summary>
    internal void PrintPendingLine()
    {
        if (LineHasContent) EndLine();
    }

    internal void Add(PaperItem item) => _items.Add(item);

    internal Alignment Alignment => _alignment;

    internal int Warn(int offset, int used, string message)
    {
        if (_warnings.Count < MaxWarnings) _warnings.Add($"@{offset}: {message}");
        return used;
    }

    /// <summary>True when <paramref name="count"/> bytes from <paramref name="i"/> exist; otherwise warns.</summary>
    internal bool Has(int i, int count, string command)
    {
        if (i + count <= _data.Length) return true;
        Warn(i, 0, $"{command} is cut short by the end of the data");
        return false;
    }

    private int Dle(int i)
    {
        if (!Has(i, 3, "DLE command")) return _data.Length - i;
        switch (_data[i + 1])
        {
            case EOT: _queries.Add(_data[i + 2]); return 3;
            case ENQ: return 3;
            default: return Warn(i, 1, $"DLE 0x{_data[i + 1]:X2} not modelled");
        }
    }

    private int Esc(int i)
    {
        if (!Has(i, 2, "ESC command")) return _data.Length - i;
        byte command = _data[i + 1];
        if (command is EscPos.Initialize or (byte)'2') return command == EscPos.Initialize ? Reset(i) : 2;
        if (command is (byte)'p') return Has(i, 5, "ESC p") ? 5 : _data.Length - i;
        if (command is (byte)'$' or (byte)'\\') return Has(i, 4, "ESC $") ? 4 : _data.Length - i;
        if (!Has(i, 3, $"ESC {(char)command}")) return _data.Length - i;
        byte n = _data[i + 2];
        switch (command)
        {
            case EscPos.Align: _alignment = (Alignment)Math.Min(n % 48, 2); break;
            case Emphasize or DoubleStrike: SetStyle(_style with { Bold = (n & 1) != 0 }); break;
            case EscPos.Underline: SetStyle(_style with { Underline = (n & 3) != 0 }); break;
            case PrintMode:
                SetStyle(new TextStyle((n & 0x20) != 0 ? 2 : 1, (n & 0x10) != 0 ? 2 : 1, (n & 0x08) != 0, (n & 0x80) != 0));
                break;
            case FeedLines: PrintPendingLine(); _items.Add(new PaperFeed(n, 0)); break;
            case FeedDots: PrintPendingLine(); _items.Add(new PaperFeed(0, n)); break;
            case (byte)'3' or (byte)'M' or (byte)'t' or (byte)'R' or (byte)' ' or (byte)'V' or (byte)'{' or (byte)'U': break;
            case (byte)'c': return Has(i, 4, "ESC c") ? 4 : _data.Length - i;
            default: return Warn(i, 2, $"ESC 0x{command:X2} not modelled");
        }
        return 3;
    }

    private int Reset(int i)
    {
        if (LineHasContent) Warn(i, 0, "ESC @ discarded text that was not ended by LF");
        _pending.Clear();
        _runs.Clear();
        _lineAlignment = null;
        _style = TextStyle.Default;
        _alignment = Alignment.Left;
        _chinese = true; // Chinese printers power on (and reset) in Chinese mode
        _qrModuleSize = 3;
        _qrLevel = QrErrorL;
        _qrData = null;
        return 2;
    }

    private int Fs(int i)
    {
        if (!Has(i, 2, "FS command")) return _data.Length - i;
        byte command = _data[i + 1];
        if (command == ChineseOn) { _chinese = true; return 2; }
        if (command == ChineseOff) { _chinese = false; return 2; }
        if (command == (byte)'S') return Has(i, 4, "FS S") ? 4 : _data.Length - i;
        if (!Has(i, 3, $"FS {(char)command}")) return _data.Length - i;
        byte n = _data[i + 2];
        switch (command)
        {
            case PrintMode: SetStyle(_style with { Width = (n & 0x04) != 0 ? 2 : 1, Height = (n & 0x08) != 0 ? 2 : 1, Underline = (n & 0x80) != 0 }); break;
            case ChineseQuadruple: SetStyle(_style with { Width = (n & 1) != 0 ? 2 : 1, Height = (n & 1) != 0 ? 2 : 1 }); break;
            case (byte)'C' or (byte)'-': break;
            default: return Warn(i, 2, $"FS 0x{command:X2} not modelled");
        }
        return 3;
    }

    internal void SetSize(int width, int height) => SetStyle(_style with { Width = width, Height = height });

    /// <summary>GS ( k with cn = '1': QR model, size, level, store, print.</summary>
    internal void QrFunction(int offset, ReadOnlySpan<byte> body)
    {
        if (body.Length < 2 || body[0] != QrCodeClass) { Warn(offset, 0, "GS ( k for a 2D code other than QR ignored"); return; }
        switch (body[1])
        {
            case QrModuleSize when body.Length >= 3: _qrModuleSize = body[2]; break;
            case QrErrorLevel when body.Length >= 3: _qrLevel = body[2]; break;
            case QrStore when body.Length >= 3: _qrData = body[3..].ToArray(); break;
            case QrPrint:
                PrintPendingLine();
                if (_qrData is null) { Warn(offset, 0, "QR print without stored data"); return; }
                char level = _qrLevel is >= QrErrorL and <= QrErrorH ? "LMQH"[_qrLevel - QrErrorL] : '?';
                _items.Add(new PrintedQr(Encoding.UTF8.GetString(_qrData), _qrModuleSize, level, _alignment));
                break;
        }
    }
}
