using Queue.Printing;
using Queue.Tests.Support;

namespace Queue.TicketPrinter.Tests;

public class EscPosDecoderTests
{
    [Fact]
    public void Styles_split_a_line_into_runs()
    {
        // "请" bold double-size, then " A012" normal, right aligned.
        var paper = EscPosDecoder.Decode(Hex.Bytes("1B 61 02 1B 45 01 1D 21 11 C7 EB 1B 45 00 1D 21 00 20 41 30 31 32 0A"));
        var line = Assert.Single(paper.Lines);
        Assert.Equal(Alignment.Right, line.Alignment);
        Assert.Equal([new TextRun("请", 2, 2, true, false), new TextRun(" A012", 1, 1, false, false)], line.Runs);
        Assert.Equal(4 + 5, line.Columns);
    }

    [Fact]
    public void Alignment_counts_only_at_the_start_of_a_line()
    {
        var paper = EscPosDecoder.Decode(Hex.Bytes("1B 61 01 41 1B 61 02 42 0A 43 0A"));
        Assert.Equal([Alignment.Center, Alignment.Right], paper.Lines.Select(l => l.Alignment));
    }

    [Fact]
    public void Initialize_discards_unprinted_text_and_resets_styles()
    {
        var paper = EscPosDecoder.Decode(Hex.Bytes("1D 21 33 41 42 1B 40 43 0A"));
        var line = Assert.Single(paper.Lines);
        Assert.Equal(new TextRun("C", 1, 1, false, false), Assert.Single(line.Runs));
        Assert.Contains(paper.Warnings, w => w.Contains("discarded"));
    }

    [Fact]
    public void Four_byte_GB18030_is_decoded_as_one_character()
    {
        var paper = EscPosDecoder.Decode(Hex.Bytes("D5 C5 95 32 82 36 0A"));
        Assert.Equal("张\U00020000", Assert.Single(paper.Lines).Text);
    }

    [Fact]
    public void Outside_Chinese_mode_high_bytes_are_flagged()
    {
        var paper = EscPosDecoder.Decode(Hex.Bytes("1C 2E D5 C5 0A"));
        Assert.Contains(paper.Warnings, w => w.Contains("outside Chinese mode"));
    }

    [Fact]
    public void Status_queries_feeds_and_cuts_are_recorded_in_order()
    {
        var paper = EscPosDecoder.Decode(Hex.Bytes("10 04 01 10 04 04 41 0A 1B 64 03 1B 4A 10 1D 56 01 1D 56 41 05"));
        Assert.Equal([1, 4], paper.StatusQueries);
        Assert.Collection(paper.Items,
            i => Assert.Equal("A", Assert.IsType<PrintedLine>(i).Text),
            i => Assert.Equal(new PaperFeed(3, 0), i),
            i => Assert.Equal(new PaperFeed(0, 16), i),
            i => Assert.Equal(new PaperCut(CutMode.Partial), i),
            i => Assert.Equal(new PaperCut(CutMode.Full), i));
    }

    [Fact]
    public void Qr_settings_are_kept_with_the_payload()
    {
        var paper = EscPosDecoder.Decode(Hex.Bytes(
            "1B 61 01 1D 28 6B 03 00 31 43 07 1D 28 6B 03 00 31 45 33 1D 28 6B 07 00 31 50 30 41 30 31 32 1D 28 6B 03 00 31 51 30"));
        Assert.Equal(new PrintedQr("A012", 7, 'H', Alignment.Center), Assert.Single(paper.QrCodes));
    }

    [Fact]
    public void Unknown_and_truncated_commands_warn_instead_of_throwing()
    {
        var paper = EscPosDecoder.Decode(Hex.Bytes("1B 99 41 0A 1D 76 30 00 10 00"));
        Assert.Equal("A", Assert.Single(paper.Lines).Text);
        Assert.Contains(paper.Warnings, w => w.Contains("not modelled"));
        Assert.Contains(paper.Warnings, w => w.Contains("cut short"));
    }
}
