using System.Buffers;
using System.Text;

namespace Queue.Printing;

/// <summary>
/// Chinese text for ticket printers (打印文字): GB18030, but only its 1- and 2-byte parts, because cheap
/// printers' fonts stop there (HARDWARE.md §0.2, §1.3). Policy, applied by <see cref="MakePrintable"/>:
/// <list type="bullet">
/// <item>control characters (newline, tab, ESC…) become spaces, so text can never inject printer commands;</item>
/// <item>a 4-byte character with a 2-byte look-alike is replaced: ¥ → ￥, no-break space → space, • and ・ → ·,
///   © → (C), ® → (R), ™ → TM;</item>
/// <item>any other 4-byte character (生僻字 from CJK Ext-B…, emoji, lone surrogates) is dropped and
///   <see cref="MissingMark"/> □ printed in its place, so staff can see something is missing.</item>
/// </list>
/// Column widths: an ASCII character takes one column, every other character two.
/// </summary>
public static class PrinterText
{
    /// <summary>□ (U+25A1, GB18030 A1 F5): printed where a character could not be printed.</summary>
    public const char MissingMark = '□';

    /// <summary>GB18030 (code page 54936), created once; decoding invalid bytes gives U+FFFD.</summary>
    public static Encoding Gb18030 { get; } = CreateGb18030();

    private static readonly Dictionary<int, string> LookAlikes = new()
    {
        [0x00A5] = "￥", [0x00A0] = " ", [0x2022] = "·", [0x30FB] = "·",
        [0x00A9] = "(C)", [0x00AE] = "(R)", [0x2122] = "TM",
    };

    // Characters that must not start a line (标点避头): a wrap moves the character before them down too.
    private const string NoLineStart = "，。、；：？！）】」』”’》〉,.;:?!)]%";

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // 54936 is not available without it
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    }

    /// <summary>Bytes the rune takes in GB18030: 1, 2 or 4.</summary>
    public static int Gb18030Length(Rune rune)
    {
        Span<char> chars = stackalloc char[2];
        int n = rune.EncodeToUtf16(chars);
        return Gb18030.GetByteCount(chars[..n]);
    }

    /// <summary>Applies the character policy above for a printer with (or, usually, without) 4-byte support.</summary>
    public static string MakePrintable(string? text, bool fourByteGb18030 = false)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes()) // lone surrogates come out as U+FFFD, a 4-byte character
        {
            if (Rune.IsControl(rune)) result.Append(' ');
            else if (fourByteGb18030 && rune.Value != 0xFFFD || Gb18030Length(rune) <= 2) result.Append(rune.ToString());
            else if (LookAlikes.TryGetValue(rune.Value, out var lookAlike)) result.Append(lookAlike);
            else result.Append(MissingMark);
        }
        return result.ToString();
    }

    public static string MakePrintable(string? text, PrinterProfile profile) => MakePrintable(text, profile.FourByteGb18030);

    /// <summary>Printed width in columns of font A: 1 for ASCII, 2 for anything else.</summary>
    public static int Columns(string text)
    {
        int columns = 0;
        foreach (var rune in text.EnumerateRunes()) columns += RuneColumns(rune);
        return columns;
    }

    private static int RuneColumns(Rune rune) => rune.IsAscii ? 1 : 2;

    /// <summary>Writes GB18030 bytes of text already made printable (throws if a control character slipped through).</summary>
    public static void Encode(string printable, IBufferWriter<byte> output)
    {
        foreach (char c in printable)
            if (char.IsControl(c)) throw new ArgumentException($"Text contains control character U+{(int)c:X4}; call MakePrintable first.", nameof(printable));
        var span = output.GetSpan(Gb18030.GetMaxByteCount(printable.Length));
        output.Advance(Gb18030.GetBytes(printable, span));
    }

    /// <summary>
    /// Splits text into lines of at most <paramref name="columns"/> columns. Latin words are not broken
    /// when a space allows it; Chinese closing punctuation never starts a line.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 2);
        var lines = new List<string>();
        var runes = text.EnumerateRunes().ToList();
        int start = 0;
        while (start < runes.Count)
        {
            int end = start, width = 0;
            while (end < runes.Count && width + RuneColumns(runes[end]) <= columns) width += RuneColumns(runes[end++]);
            if (end < runes.Count) end = BreakPoint(runes, start, end);
            lines.Add(string.Concat(runes.Skip(start).Take(end - start)).TrimEnd());
            start = end;
            while (start < runes.Count && runes[start].Value == ' ') start++; // no leading spaces after a wrap
        }
        return lines;
    }

    /// <summary>Where to end a full line that starts at <paramref name="start"/> and would overflow at <paramref name="end"/>.</summary>
    private static int BreakPoint(List<Rune> runes, int start, int end)
    {
        bool IsWordChar(Rune r) => r.IsAscii && Rune.IsLetterOrDigit(r);
        if (IsWordChar(runes[end]) && IsWordChar(runes[end - 1]))
        {
            for (int i = end - 1; i > start; i--)
            {
                if (runes[i].Value == ' ') return i + 1;
                if (!IsWordChar(runes[i])) break;
            }
        }
        if (NoLineStart.Contains(runes[end].ToString()) && end - 1 > start) return end - 1;
        return end;
    }
}
