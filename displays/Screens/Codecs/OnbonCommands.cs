using System.Buffers.Binary;

namespace Queue.Screens.Codecs;

/// <summary>
/// One real-time "dynamic area" (动态区) of an A3 06 command, fields in protocol units:
/// X and Width count 8-pixel columns unless 0x8000 is set (then pixels); Y and Height are pixels;
/// Dwell counts half seconds. Defaults: static text, single line, centred.
/// </summary>
public sealed record OnbonArea(
    ushort X, ushort Y, ushort Width, ushort Height,
    byte AreaType = 0, byte AreaId = 0, byte LineSpacing = 0, byte RunMode = 0, ushort TimeoutSeconds = 0,
    byte Voice = 0, byte Extensions = 0, byte Alignment = 1,
    byte SingleLine = 1, byte AutoWrap = 1, byte Effect = 1, byte ExitEffect = 0, byte Speed = 0, byte Dwell = 10)
{
    /// <summary>An area of a panel given in pixels: whole 8-pixel columns where possible.</summary>
    public static OnbonArea ForPanel(int widthPixels, int heightPixels) => new(0, 0,
        widthPixels % 8 == 0 ? (ushort)(widthPixels / 8) : (ushort)(0x8000 | widthPixels), (ushort)heightPixels);
}

/// <summary>Data fields of the BX-5K/6K commands the agent uses (A2 00, A1 02, A3 10, A3 06).</summary>
public static class OnbonCommands
{
    public static OnbonFrame Ping(ushort screen) => Command(screen, 0xA2, 0x00, []);
    public static OnbonFrame QueryStatus(ushort screen) => Command(screen, 0xA1, 0x02, []);
    public static OnbonFrame ClearScreen(ushort screen) => Command(screen, 0xA3, 0x10, []);

    /// <summary>A3 06: replace dynamic area <c>area.AreaId</c> with <paramref name="text"/> (GB2312, backslashes doubled).</summary>
    public static OnbonFrame ShowText(ushort screen, OnbonArea area, string text, byte processMode = 0) =>
        ShowBytes(screen, area, PanelText.ToGb2312(text.Replace("\\", "\\\\")), processMode);

    /// <summary>A3 06 with text bytes as given (golden-frame tests).</summary>
    public static OnbonFrame ShowBytes(ushort screen, OnbonArea area, byte[] text, byte processMode = 0)
    {
        var a = new List<byte> { area.AreaType };
        Add16(a, area.X); Add16(a, area.Y); Add16(a, area.Width); Add16(a, area.Height);
        a.AddRange([area.AreaId, area.LineSpacing, area.RunMode]);
        Add16(a, area.TimeoutSeconds);
        a.AddRange([area.Voice, area.Extensions, area.Alignment, area.SingleLine, area.AutoWrap,
            area.Effect, area.ExitEffect, area.Speed, area.Dwell]);
        Add32(a, text.Length);
        a.AddRange(text);

        var payload = new List<byte> { 0x00, 0x01 }; // areas to delete: none; areas to update: one
        Add16(payload, (ushort)a.Count);
        payload.AddRange(a);
        return Command(screen, 0xA3, 0x06, [.. payload], processMode);
    }

    /// <summary>The card's reply status: the byte after group and command, 0 meaning success (unverified on hardware).</summary>
    public static byte ReplyError(OnbonFrame reply) => reply.Data.Length > 2 ? reply.Data[2] : (byte)0;

    static OnbonFrame Command(ushort screen, byte group, byte command, byte[] payload, byte processMode = 0) =>
        new(screen, OnbonCodec.PcAddress, OnbonCodec.AnyDevice, OnbonCodec.ProtocolVersion,
            [group, command, 0x01 /* must respond */, processMode, 0x00, .. payload]);

    static void Add16(List<byte> to, ushort v) { to.Add((byte)v); to.Add((byte)(v >> 8)); }
    static void Add32(List<byte> to, int v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); to.AddRange(b.ToArray()); }
}
