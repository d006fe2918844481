using System.Text;
using Queue.Printing;
using Queue.Tests.Support;

namespace Queue.TicketPrinter.Tests;

public class PrinterTextTests
{
    private static byte[] Encode(string text)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        PrinterText.Encode(PrinterText.MakePrintable(text), buffer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void Hall_name_is_two_byte_GB18030()
    {
        // HARDWARE.md §1.4, verified against GB18030 tables.
        Assert.Equal(Hex.Bytes("D5 FE CE F1 B7 FE CE F1 D6 D0 D0 C4"), Encode("政务服务中心"));
        Assert.Equal(Hex.Bytes("C7 EB 20 41 30 31 32 20 BA C5 20 B5 BD 20 35 20 BA C5 B4 B0 BF DA 20 B0 EC C0 ED"),
            Encode("请 A012 号 到 5 号窗口 办理"));
    }

    [Fact]
    public void Yen_sign_becomes_fullwidth_yen_not_the_four_byte_sequence()
    {
        Assert.Equal(Hex.Bytes("81 30 84 36"), PrinterText.Gb18030.GetBytes("¥")); // what .NET would send
        Assert.Equal("￥12", PrinterText.MakePrintable("¥12"));
        Assert.Equal(Hex.Bytes("A3 A4 31 32"), Encode("¥12"));
    }

    [Fact]
    public void Characters_without_a_two_byte_form_are_dropped_with_a_visible_mark()
    {
        // U+20000 (CJK Ext-B) and an emoji are 4-byte in GB18030: printers show garbage, so we print □ (A1 F5).
        Assert.Equal("张□□", PrinterText.MakePrintable("张\U00020000😀"));
        Assert.Equal(Hex.Bytes("D5 C5 A1 F5 A1 F5"), Encode("张\U00020000😀"));
        Assert.Equal("□", PrinterText.MakePrintable("\uD800")); // lone surrogate
    }

    [Fact]
    public void A_printer_with_four_byte_support_keeps_them()
    {
        Assert.Equal("张\U00020000", PrinterText.MakePrintable("张\U00020000", fourByteGb18030: true));
        Assert.True(new PrinterProfile { FourByteGb18030 = true }.CanPrint(new Rune(0x20000)));
        Assert.False(PrinterProfile.Paper80.CanPrint(new Rune(0x20000)));
        Assert.True(PrinterProfile.Paper80.CanPrint(new Rune('喆')));
    }

    [Fact]
    public void Control_characters_become_spaces_so_text_cannot_inject_commands()
    {
        Assert.Equal("A  B C", PrinterText.MakePrintable("A\u001B B\nC"));
        Assert.DoesNotContain((byte)0x1B, Encode("企业\u001B\u0040开办\u0010\u0004\u0001"));
        Assert.Throws<ArgumentException>(() => PrinterText.Encode("\u001B", new System.Buffers.ArrayBufferWriter<byte>()));
    }

    [Fact]
    public void Columns_count_Chinese_as_two()
    {
        Assert.Equal(12, PrinterText.Columns("政务服务中心"));
        Assert.Equal(4 + 2 + 1, PrinterText.Columns("A012号 "));
    }

    [Fact]
    public void Wrap_keeps_every_line_within_the_columns_and_loses_nothing()
    {
        const string text = "企业开办（含设立登记、公章刻制、发票申领），Business license renewal";
        var lines = PrinterText.Wrap(text, 20);
        Assert.All(lines, line => Assert.True(PrinterText.Columns(line) <= 20, line));
        Assert.Equal(text.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
        Assert.DoesNotContain(lines, line => line.StartsWith('，') || line.StartsWith('）'));
        foreach (var word in new[] { "Business", "license", "renewal" })
            Assert.Contains(lines, line => line.Contains(word)); // Latin words are not split
    }
}
