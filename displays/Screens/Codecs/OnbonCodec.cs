using System.Buffers.Binary;

namespace Queue.Screens.Codecs;

/// <summary>A BX-5K/6K packet: header fields and the data (command group, command, flags, payload).</summary>
public sealed record OnbonFrame(ushort Destination, ushort Source, byte DeviceType, byte Version, byte[] Data)
{
    public byte CommandGroup => Data.Length > 0 ? Data[0] : (byte)0;
    public byte Command => Data.Length > 1 ? Data[1] : (byte)0;
}

/// <summary>
/// Onbon/仰邦 BX-5K/6K font-card framing (HARDWARE.md §3.1): 8 × A5 wake-up, header + data,
/// CRC-16/ARC little-endian over header + data, byte stuffing, 5A end. The CRC and stuffing are
/// checked against published frames in the tests; field meanings inside commands come from
/// secondary sources, so check on a real card before promising a model.
/// </summary>
public static class OnbonCodec
{
    public const byte Wake = 0xA5, End = 0x5A, Escape5 = 0xA6, EscapeA = 0x5B;
    public const ushort PcAddress = 0x8000, AnyScreen = 0xFFFE;
    public const byte AnyDevice = 0xFE, ProtocolVersion = 0x02;
    const int HeaderLength = 14;

    /// <summary>CRC-16/ARC: reflected polynomial 0xA001, init 0, no final xor.</summary>
    public static ushort Crc16(ReadOnlySpan<byte> bytes)
    {
        ushort crc = 0;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (ushort)((crc >> 1) ^ 0xA001) : (ushort)(crc >> 1);
        }
        return crc;
    }

    /// <summary>Header + data + CRC, stuffed and wrapped: the bytes to put on the wire.</summary>
    public static byte[] Encode(OnbonFrame frame)
    {
        var packet = new byte[HeaderLength + frame.Data.Length + 2];
        var span = packet.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span, frame.Destination);
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], frame.Source);
        // 6 reserved bytes stay 0
        span[10] = frame.DeviceType;
        span[11] = frame.Version;
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], checked((ushort)frame.Data.Length));
        frame.Data.CopyTo(span[HeaderLength..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[^2..], Crc16(span[..^2]));

        var wire = new List<byte>(packet.Length + 16);
        for (int i = 0; i < 8; i++) wire.Add(Wake);
        foreach (byte b in packet)
        {
            switch (b)
            {
                case 0xA5: wire.Add(Escape5); wire.Add(0x02); break;
                case 0xA6: wire.Add(Escape5); wire.Add(0x01); break;
                case 0x5A: wire.Add(EscapeA); wire.Add(0x02); break;
                case 0x5B: wire.Add(EscapeA); wire.Add(0x01); break;
                default: wire.Add(b); break;
            }
        }
        wire.Add(End);
        return [.. wire];
    }

    /// <summary>
    /// Decodes the first whole frame in <paramref name="input"/> (leading A5s optional).
    /// <paramref name="consumed"/> says how many bytes to drop; false when more are needed or the
    /// frame is corrupt (bad escape, length or CRC), in which case <paramref name="error"/> says why.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, out OnbonFrame? frame, out int consumed, out string? error)
    {
        frame = null;
        error = null;
        int start = 0;
        while (start < input.Length && input[start] != Wake) start++;
        while (start < input.Length && input[start] == Wake) start++;
        int end = input[start..].IndexOf(End);
        if (end < 0) { consumed = 0; return false; }
        consumed = start + end + 1;

        var packet = new List<byte>(end);
        var body = input.Slice(start, end);
        for (int i = 0; i < body.Length; i++)
        {
            byte b = body[i];
            if (b is Escape5 or EscapeA)
            {
                byte next = i + 1 < body.Length ? body[++i] : (byte)0;
                if (next is not (0x01 or 0x02)) { error = $"bad escape {b:X2} {next:X2}"; return false; }
                packet.Add(b == Escape5 ? (next == 0x02 ? (byte)0xA5 : (byte)0xA6) : (next == 0x02 ? (byte)0x5A : (byte)0x5B));
            }
            else packet.Add(b);
        }
        var bytes = packet.ToArray().AsSpan();
        if (bytes.Length < HeaderLength + 2) { error = "frame shorter than a header"; return false; }
        int length = BinaryPrimitives.ReadUInt16LittleEndian(bytes[12..]);
        if (bytes.Length != HeaderLength + length + 2) { error = $"data length {length} does not match the frame"; return false; }
        ushort crc = BinaryPrimitives.ReadUInt16LittleEndian(bytes[^2..]);
        if (crc != Crc16(bytes[..^2])) { error = $"CRC {crc:X4} should be {Crc16(bytes[..^2]):X4}"; return false; }
        frame = new OnbonFrame(BinaryPrimitives.ReadUInt16LittleEndian(bytes), BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]),
            bytes[10], bytes[11], bytes[HeaderLength..^2].ToArray());
        return true;
    }
}
