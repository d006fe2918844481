namespace Queue.Tests.Support;

/// <summary>Golden bytes written as in HARDWARE.md: "1B 40 1C 26" (spaces and line breaks ignored).</summary>
public static class Hex
{
    public static byte[] Bytes(string spaced) => Convert.FromHexString(string.Concat(spaced.Where(c => !char.IsWhiteSpace(c))));

    /// <summary>"1B401C26": compare these rather than arrays, so a failure shows where the bytes differ.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
