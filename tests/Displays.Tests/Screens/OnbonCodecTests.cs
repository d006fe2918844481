using Queue.Screens.Codecs;
using Queue.Tests.Support;

namespace Queue.Displays.Tests.Screens;

/// <summary>Golden frames: CRCs verified in HARDWARE.md §3.1; the A3 06 frame is deanled.cn's worked example.</summary>
public sealed class OnbonCodecTests
{
    const string Header = "01 00 00 80 00 00 00 00 00 00 FE 02";

    // deanled.cn: a 128 × 32 panel showing "012345QRSTTV'B".
    const string DynamicAreaSample = """
        A5 A5 A5 A5 A5 A5 A5 A5 01 00 00 80 00 00 00 00 00 00 FE 02 32 00 A3 06 01 2D 00 00
        01 29 00 00 00 00 00 00 80 00 20 00 00 00 00 02 00 00 00 00 02 02 03 00 04 05 0E
        00 00 00 30 31 32 33 34 35 51 52 53 54 54 56 27 42 A8 7D 5A
        """;

    [Theory]
    [InlineData("05 00 A2 00 01 00 00", 0xF868)] // ping → 68 F8 on the wire
    [InlineData("05 00 A1 02 01 00 00", 0x402D)] // query status → 2D 40
    [InlineData("05 00 A3 10 01 00 00", 0xF851)] // clear → 51 F8
    public void Crc16_matches_the_published_frames(string lengthAndData, int expected)
    {
        Assert.Equal(expected, OnbonCodec.Crc16(Hex.Bytes(Header + lengthAndData)));
    }

    [Fact]
    public void Ping_status_and_clear_encode_to_the_published_frames()
    {
        Assert.Equal(Hex.Bytes("A5A5A5A5A5A5A5A5" + Header + "05 00 A2 00 01 00 00 68 F8 5A"), OnbonCodec.Encode(OnbonCommands.Ping(1)));
        Assert.Equal(Hex.Bytes("A5A5A5A5A5A5A5A5" + Header + "05 00 A1 02 01 00 00 2D 40 5A"), OnbonCodec.Encode(OnbonCommands.QueryStatus(1)));
        Assert.Equal(Hex.Bytes("A5A5A5A5A5A5A5A5" + Header + "05 00 A3 10 01 00 00 51 F8 5A"), OnbonCodec.Encode(OnbonCommands.ClearScreen(1)));
    }

    [Fact]
    public void Dynamic_area_text_encodes_to_the_published_sample_frame()
    {
        var area = new OnbonArea(X: 0, Y: 0, Width: 0x80, Height: 0x20, TimeoutSeconds: 2, Alignment: 0,
            SingleLine: 2, AutoWrap: 2, Effect: 3, ExitEffect: 0, Speed: 4, Dwell: 5);

        var wire = OnbonCodec.Encode(OnbonCommands.ShowText(1, area, "012345QRSTTV'B", processMode: 0x2D));

        // Every byte up to the CRC is the published one. The published CRC (A8 7D) does not match
        // the published bytes under CRC-16/ARC, the CRC all three short frames above confirm;
        // some byte of that page is mistyped, so we check our CRC against the algorithm instead.
        var sample = Hex.Bytes(DynamicAreaSample);
        Assert.Equal(Hex.Of(sample[..^3]), Hex.Of(wire[..^3]));
        Assert.Equal(0x6FBD, BitConverter.ToUInt16(wire, wire.Length - 3));
        Assert.Equal(0x6FBD, OnbonCodec.Crc16(sample[8..^3]));
    }

    [Fact]
    public void Our_dynamic_area_frame_decodes_back_and_the_published_one_is_flagged()
    {
        var area = OnbonArea.ForPanel(128, 32);
        var wire = OnbonCodec.Encode(OnbonCommands.ShowText(1, area, "A012 请到5号窗口"));
        Assert.True(OnbonCodec.TryDecode(wire, out var frame, out int consumed, out var error), error);
        Assert.Equal(wire.Length, consumed);
        Assert.Equal((1, 0x8000, 0xA3, 0x06), (frame!.Destination, frame.Source, frame.CommandGroup, frame.Command));

        Assert.False(OnbonCodec.TryDecode(Hex.Bytes(DynamicAreaSample), out _, out _, out var sampleError));
        Assert.Equal("CRC 7DA8 should be 6FBD", sampleError);
    }

    [Fact]
    public void Bytes_equal_to_frame_markers_are_stuffed_and_restored()
    {
        // Screen address 0x5AA5 and text bytes A6 5B put every special byte inside the packet.
        var frame = new OnbonFrame(0x5AA5, OnbonCodec.PcAddress, 0xFE, 0x02, [0xA3, 0x06, 0x01, 0x00, 0x00, 0xA6, 0x5B, 0x5A, 0xA5]);
        var wire = OnbonCodec.Encode(frame);

        var inner = wire.AsSpan(8, wire.Length - 9).ToArray();
        Assert.DoesNotContain((byte)0xA5, inner);
        Assert.DoesNotContain((byte)0x5A, inner);
        Assert.Equal(Hex.Bytes("A6 02 5B 02"), inner[..4]); // destination A5 5A, little-endian
        Assert.Equal(Hex.Bytes("A6 01 5B 01 5B 02 A6 02"), inner.AsSpan(21, 8).ToArray());
        Assert.True(OnbonCodec.TryDecode(wire, out var back, out _, out var error), error);
        Assert.Equal(frame.Data, back!.Data);
        Assert.Equal(frame.Destination, back.Destination);
    }

    [Fact]
    public void A_corrupted_byte_fails_the_crc()
    {
        var wire = OnbonCodec.Encode(OnbonCommands.Ping(1));
        wire[24] ^= 0x01; // inside the data
        Assert.False(OnbonCodec.TryDecode(wire, out _, out int consumed, out var error));
        Assert.Contains("CRC", error);
        Assert.Equal(wire.Length, consumed);
    }

    [Fact]
    public void Chinese_text_goes_out_as_GB2312_and_backslashes_are_doubled()
    {
        var frame = OnbonCommands.ShowText(1, OnbonArea.ForPanel(128, 32), @"A012 请到5号窗口\");
        var text = frame.Data[^20..];
        Assert.Equal(Hex.Bytes("41 30 31 32 20 C7 EB B5 BD 35 BA C5 B4 B0 BF DA 5C 5C"), text[2..]);
        Assert.Equal(18, BitConverter.ToInt32(frame.Data, frame.Data.Length - 22));
    }

    [Fact]
    public void Panel_widths_use_8_pixel_columns_or_the_pixel_flag()
    {
        Assert.Equal(16, OnbonArea.ForPanel(128, 32).Width);
        Assert.Equal(0x8000 | 100, OnbonArea.ForPanel(100, 16).Width);
    }
}
