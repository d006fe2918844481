using Queue.Screens.Codecs;
using Queue.Screens;
using Queue.Tests.Support;

namespace Queue.Displays.Tests.Screens;

public sealed class LineCodecTests
{
    [Fact]
    public void Text_frame_has_address_attributes_GB2312_text_and_xor_checksum()
    {
        var frame = GenericLineCodec.Text(5, "A012 请到5号窗口", flash: true, brightness: 9);

        // STX "05" 'T' '1' '9' text ETX, then XOR of "05"..ETX in hex.
        var body = Hex.Bytes("30 35 54 31 39 41 30 31 32 20 C7 EB B5 BD 35 BA C5 B4 B0 BF DA 03");
        byte sum = body.Aggregate((byte)0, (s, b) => (byte)(s ^ b));
        Assert.Equal([0x02, .. body, .. System.Text.Encoding.ASCII.GetBytes(sum.ToString("X2"))], frame);
    }

    [Fact]
    public void Frames_decode_back_and_noise_before_STX_is_skipped()
    {
        byte[] stream = [0xFF, 0x41, .. GenericLineCodec.Text(12, "暂停服务", false, 3), .. GenericLineCodec.Clear(12)];

        Assert.True(GenericLineCodec.TryDecode(stream, out var first, out int used));
        Assert.Equal(new LineFrame(12, LineCommand.Text, false, 3, "暂停服务"), first);
        Assert.True(GenericLineCodec.TryDecode(stream.AsSpan(used), out var second, out _));
        Assert.Equal(new LineFrame(12, LineCommand.Clear), second);
    }

    [Fact]
    public void A_bad_checksum_is_rejected_and_a_partial_frame_waits()
    {
        var frame = GenericLineCodec.Query(7);
        Assert.False(GenericLineCodec.TryDecode(frame.AsSpan(0, frame.Length - 1), out _, out int waited));
        Assert.Equal(0, waited);
        frame[^1] = (byte)'0';
        frame[^2] = (byte)'0';
        Assert.False(GenericLineCodec.TryDecode(frame, out _, out int skipped));
        Assert.Equal(frame.Length, skipped);
    }

    [Fact]
    public void Seven_segment_frames_follow_the_ascii_counter_protocol()
    {
        Assert.Equal("$001,A012#"u8.ToArray(), SevenSegmentCodec.Show(1, "A012", 4));
        Assert.Equal("$012,  12#"u8.ToArray(), SevenSegmentCodec.Show(12, "12", 4));
        Assert.Equal("$001,8.8.8.8.#"u8.ToArray(), SevenSegmentCodec.Show(1, "8.8.8.8.", 4));
        Assert.Equal("$001,----#"u8.ToArray(), SevenSegmentCodec.Show(1, "----", 4));
        Assert.Equal("$003,    #"u8.ToArray(), SevenSegmentCodec.Blank(3, 4));
        Assert.Equal("$001,02&"u8.ToArray(), SevenSegmentCodec.QueryModel(1));
        Assert.Equal("A 12", SevenSegmentCodec.Fit("a号12", 4)); // an undrawable character stays a blank digit
        Assert.True(SevenSegmentCodec.TryDecode("xx$002,B017#"u8, out var f, out int used));
        Assert.Equal((2, "B017", false), f);
        Assert.Equal(12, used);
    }

    [Fact]
    public void Panel_text_keeps_GB2312_and_marks_characters_the_font_lacks()
    {
        Assert.Equal(Hex.Bytes("D5 FE CE F1 B7 FE CE F1 D6 D0 D0 C4"), PanelText.ToGb2312("政务服务中心"));
        // 𠀀 (4-byte GB18030) and 啰 (GBK only, not GB2312) have no glyph on a font card.
        Assert.Equal("张□□", PanelText.FromGb2312(PanelText.ToGb2312("张𠀀啰\n")));
        Assert.Equal(16, PanelText.Cells("A012 请到5号窗口"));
    }
}
