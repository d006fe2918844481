using System.Globalization;
using System.Text;

namespace Queue.Screens;

/// <summary>
/// Text for font-card panels: GB2312 only (GBK extras and 4-byte GB18030 are not in the resident
/// font). A character the font lacks becomes □ rather than a silent '?' (HARDWARE.md §3.2).
/// </summary>
public static class PanelText
{
    public const char Missing = '□';
    static readonly Encoding Gbk = CreateGbk();

    static Encoding CreateGbk()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>GB2312 bytes of <paramref name="text"/>; control characters dropped, missing glyphs as □.</summary>
    public static byte[] ToGb2312(string text)
    {
        var bytes = new List<byte>(text.Length * 2);
        Span<byte> one = stackalloc byte[8];
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            string element = (string)elements.Current;
            if (element.Length == 1 && char.IsControl(element[0])) continue;
            int n = TryEncode(element, one);
            if (n == 1 || (n == 2 && one[0] is >= 0xA1 and <= 0xF7 && one[1] is >= 0xA1 and <= 0xFE))
                for (int i = 0; i < n; i++) bytes.Add(one[i]);
            else
                bytes.AddRange([0xA1, 0xF5]); // □
        }
        return [.. bytes];
    }

    /// <summary>Reads panel bytes back (fake panels, tests).</summary>
    public static string FromGb2312(ReadOnlySpan<byte> bytes) => Gbk.GetString(bytes);

    static int TryEncode(string element, Span<byte> into)
    {
        try { return Gbk.GetByteCount(element) <= into.Length ? Gbk.GetBytes(element, into) : -1; }
        catch (EncoderFallbackException) { return -1; }
    }

    /// <summary>Display width in half-width cells: CJK and other 2-byte GB2312 characters take two.</summary>
    public static int Cells(string text) => ToGb2312(text).Length;
}
