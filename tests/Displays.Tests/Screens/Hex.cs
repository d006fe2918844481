namespace Queue.Displays.Tests;

public static class Hex
{
    /// <summary>"A5 A5 01" → bytes; whitespace and newlines ignored.</summary>
    public static byte[] Parse(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string Show(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).Chunk(2).Aggregate("", (s, c) => s + (s.Length > 0 ? " " : "") + new string(c));
}
