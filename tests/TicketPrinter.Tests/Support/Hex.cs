namespace Queue.TicketPrinter.Tests.Support;

/// <summary>Golden bytes written as in HARDWARE.md: "1B 40 1C 26".</summary>
public static class Hex
{
    public static byte[] Bytes(string spaced) => Convert.FromHexString(spaced.Replace(" ", "").Replace("\n", ""));

    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);

    public static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
