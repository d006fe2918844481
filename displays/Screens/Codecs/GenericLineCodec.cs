using System.Text;

namespace Queue.Screens.Codecs;

/// <summary>A command of the generic line protocol.</summary>
public enum LineCommand : byte { Text = (byte)'T', Clear = (byte)'C', Query = (byte)'Q' }

/// <summary>A decoded generic-line frame: the panel address, the command and, for Text, its attributes.</summary>
public sealed record LineFrame(int Address, LineCommand Command, bool Flash = false, int Brightness = 9, string Text = "");

/// <summary>
/// The generic line protocol for cheap serial LED bars (通用串口条屏协议), our own simple framing:
/// <c>STX · address "00"–"99" · command · payload · ETX · checksum</c>, where the checksum is the
/// XOR of address..ETX as two upper-case hex digits. Text payload: flash '0'/'1', brightness
/// '0'–'9', then GB2312 text. Clear and Query have no payload. The panel answers ACK (06) or
/// NAK (15). Every byte but STX/ETX is ≥ 0x20, so a reader resynchronises on STX.
/// </summary>
public static class GenericLineCodec
{
    public const byte Stx = 0x02, Etx = 0x03, Ack = 0x06, Nak = 0x15;

    public static byte[] Text(int address, string text, bool flash, int brightness) =>
        Frame(address, LineCommand.Text, [(byte)(flash ? '1' : '0'), (byte)('0' + Math.Clamp(brightness, 0, 9)), .. PanelText.ToGb2312(text)]);

    public static byte[] Clear(int address) => Frame(address, LineCommand.Clear, []);

    public static byte[] Query(int address) => Frame(address, LineCommand.Query, []);

    static byte[] Frame(int address, LineCommand command, byte[] payload)
    {
        if (address is < 0 or > 99) throw new ArgumentOutOfRangeException(nameof(address), address, "Line panel address must be 0..99.");
        var frame = new List<byte>(payload.Length + 8) { Stx };
        frame.AddRange(Encoding.ASCII.GetBytes(address.ToString("00")));
        frame.Add((byte)command);
        frame.AddRange(payload);
        frame.Add(Etx);
        byte sum = 0;
        for (int i = 1; i < frame.Count; i++) sum ^= frame[i];
        frame.AddRange(Encoding.ASCII.GetBytes(sum.ToString("X2")));
        return [.. frame];
    }

    /// <summary>
    /// Decodes the first whole frame in <paramref name="input"/>; <paramref name="consumed"/> counts
    /// bytes to drop (noise before STX included). False when more bytes are needed or the frame is bad
    /// (then consumed skips past the bad STX).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, out LineFrame? frame, out int consumed)
    {
        frame = null;
        int start = input.IndexOf(Stx);
        if (start < 0) { consumed = input.Length; return false; }
        int etx = input[start..].IndexOf(Etx);
        if (etx < 0 || start + etx + 3 > input.Length) { consumed = start; return false; }
        var body = input.Slice(start + 1, etx); // address..ETX
        consumed = start + etx + 3;
        byte sum = 0;
        foreach (byte b in body) sum ^= b;
        string check = Encoding.ASCII.GetString(input.Slice(start + etx + 1, 2));
        if (body.Length < 4 || check != sum.ToString("X2") || !int.TryParse(Encoding.ASCII.GetString(body[..2]), out int address))
            return false;
        var command = (LineCommand)body[2];
        var payload = body[3..^1];
        frame = command switch
        {
            LineCommand.Text when payload.Length >= 2 =>
                new LineFrame(address, command, payload[0] == '1', payload[1] - '0', PanelText.FromGb2312(payload[2..])),
            LineCommand.Clear or LineCommand.Query => new LineFrame(address, command),
            _ => null,
        };
        return frame is not null;
    }
}
