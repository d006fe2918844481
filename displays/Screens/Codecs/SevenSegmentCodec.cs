using System.Text;

namespace Queue.Screens.Codecs;

/// <summary>
/// The ASCII protocol of RS-485 7-segment counters (数码管, e.g. Armfly LED-485-xxx, 9600 8N1):
/// <c>$001,A012#</c> shows text on address 001 (a '.' lights the previous digit's point);
/// <c>$001,02&amp;</c> asks for the model string, which proves the counter is there (HARDWARE.md §3.1).
/// </summary>
public static class SevenSegmentCodec
{
    /// <summary>Letters a 7-segment digit can draw recognisably; others become blank.</summary>
    const string Drawable = "0123456789ABCDEFHJLNOPRSTUY- ";

    public static byte[] Show(int address, string text, int digits) =>
        Encoding.ASCII.GetBytes($"${CheckAddress(address):000},{Fit(text, digits)}#");

    public static byte[] Blank(int address, int digits) => Show(address, "", digits);

    public static byte[] QueryModel(int address) => Encoding.ASCII.GetBytes($"${CheckAddress(address):000},02&");

    /// <summary>Right-aligns into the digit count (a number ends at the right, like a till), dropping what cannot be drawn.</summary>
    public static string Fit(string text, int digits)
    {
        var kept = new StringBuilder();
        int used = 0;
        foreach (char c in text.ToUpperInvariant())
        {
            if (c == '.' && kept.Length > 0) { kept.Append('.'); continue; } // shares the digit
            if (used == digits) break;
            kept.Append(Drawable.Contains(c) ? c : ' ');
            used++;
        }
        return new string(' ', digits - used) + kept;
    }

    /// <summary>Decodes "$aaa,text#" or "$aaa,02&amp;" (fake counters, tests).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, out (int Address, string Body, bool IsQuery) frame, out int consumed)
    {
        frame = default;
        int start = input.IndexOf((byte)'$');
        if (start < 0) { consumed = input.Length; return false; }
        int end = input[start..].IndexOfAny((byte)'#', (byte)'&');
        if (end < 0) { consumed = start; return false; }
        consumed = start + end + 1;
        string whole = Encoding.ASCII.GetString(input.Slice(start + 1, end - 1));
        int comma = whole.IndexOf(',');
        if (comma != 3 || !int.TryParse(whole[..3], out int address)) return false;
        frame = (address, whole[4..], input[start + end] == '&');
        return true;
    }

    static int CheckAddress(int address) => address is >= 0 and <= 255 ? address
        : throw new ArgumentOutOfRangeException(nameof(address), address, "Counter address must be 0..255.");
}
