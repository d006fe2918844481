using Queue.Printing;

namespace Queue.TicketPrinter.Tests;

public class PrinterStatusTests
{
    [Theory]
    [InlineData(0x12, true)]
    [InlineData(0x1A, true)]
    [InlineData(0x72, true)]
    [InlineData(0x00, false)] // fixed bits missing
    [InlineData(0x13, false)] // bit 0 set
    [InlineData(0x92, false)] // bit 7 set
    [InlineData(0x41, false)] // 'A' from a wrong baud rate or echo
    public void Reply_validity_follows_the_fixed_bits(int reply, bool valid) =>
        Assert.Equal(valid, PrinterStatus.IsValidReply((byte)reply));

    [Theory]
    [InlineData(0x12, 0x12, 0x12, PrinterCondition.Online, true)]
    [InlineData(0x12, 0x12, 0x1E, PrinterCondition.PaperNearEnd, true)]
    [InlineData(0x1A, 0x32, 0x72, PrinterCondition.PaperOut, false)]
    [InlineData(0x12, 0x12, 0x72, PrinterCondition.PaperOut, false)] // sensor says end before the printer stopped
    [InlineData(0x1A, 0x16, 0x12, PrinterCondition.CoverOpen, false)]
    [InlineData(0x1A, 0x12, 0x12, PrinterCondition.Paused, false)]
    public void Replies_combine_into_one_condition(int printer, int cause, int paper, PrinterCondition condition, bool ready)
    {
        var status = PrinterStatus.FromReplies((byte)printer, (byte)cause, null, (byte)paper);
        Assert.Equal(condition, status.Condition);
        Assert.Equal(ready, status.IsReady);
    }

    [Fact]
    public void Error_cause_reply_names_a_cutter_error()
    {
        var status = PrinterStatus.FromReplies(0x1A, 0x52, 0x1A, 0x12);
        Assert.Equal(PrinterCondition.Error, status.Condition);
        Assert.True(status.CutterError);
        Assert.Equal("打印机切刀故障 / Printer cutter error", status.Message);
    }

    [Fact]
    public void No_answer_is_offline_and_messages_are_Chinese_then_English()
    {
        Assert.Equal(PrinterCondition.Offline, PrinterStatus.NoAnswer().Condition);
        Assert.False(PrinterStatus.NoAnswer().IsReady);
        Assert.Equal("打印机缺纸 / Printer is out of paper", PrinterStatus.FromReplies(0x1A, 0x32, null, 0x72).Message);
    }

    [Theory]
    [InlineData(0x18, PrinterCondition.Online)]   // selected, no error
    [InlineData(0x38, PrinterCondition.PaperOut)]
    [InlineData(0x08, PrinterCondition.Paused)]   // not selected
    [InlineData(0x10, PrinterCondition.Error)]    // selected but error line low
    public void Usb_port_status_maps_like_the_usblp_driver(int status, PrinterCondition condition) =>
        Assert.Equal(condition, PrinterStatus.FromIeee1284((byte)status).Condition);
}
