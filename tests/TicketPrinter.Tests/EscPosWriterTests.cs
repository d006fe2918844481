using System.Buffers;
using Queue.Printing;
using Queue.Tests.Support;

namespace Queue.TicketPrinter.Tests;

/// <summary>Golden bytes from the complete 80 mm example in HARDWARE.md §1.7.</summary>
public class EscPosWriterTests
{
    private const string HallName = "D5 FE CE F1 B7 FE CE F1 D6 D0 D0 C4";          // 政务服务中心
    private const string CallLine = "C7 EB B5 BD 20 35 20 BA C5 B4 B0 BF DA B0 EC C0 ED"; // 请到 5 号窗口办理
    private const string Url = "https://q.example.gov.cn/t/A012";                  // 31 bytes → pL = 31 + 3 = 0x22

    private static string Written(Action<EscPosWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new EscPosWriter(buffer, PrinterProfile.Paper80));
        return Hex.Of(buffer.WrittenSpan);
    }

    [Theory]
    [InlineData("1B 40", "init")]
    [InlineData("1C 26", "chinese")]
    [InlineData("1B 61 01", "center")]
    [InlineData("1D 21 33", "size4")]
    [InlineData("1D 21 00", "size1")]
    [InlineData("1B 45 01", "bold")]
    [InlineData("1B 45 00", "unbold")]
    [InlineData("1D 28 6B 03 00 31 51 30", "qrprint")]
    [InlineData("1B 64 03", "feed3")]
    [InlineData("1D 56 42 00", "partialcut")]
    [InlineData("1D 56 41 00", "fullcut")]
    public void Each_command_writes_its_documented_bytes(string expected, string command)
    {
        string actual = Written(w =>
        {
            _ = command switch
            {
                "init" => w.Initialize(),
                "chinese" => w.ChineseMode(true),
                "center" => w.Align(Alignment.Center),
                "size4" => w.Size(4, 4),
                "size1" => w.Size(1, 1),
                "bold" => w.Bold(true),
                "unbold" => w.Bold(false),
                "feed3" => w.Feed(3),
                "partialcut" => w.Cut(CutMode.Partial),
                "fullcut" => w.Cut(CutMode.Full),
                _ => w,
            };
        });
        if (command == "qrprint") actual = Written(w => w.QrCode("A012", 6, EscPos.QrErrorM))[^16..];
        Assert.Equal(Hex.Of(Hex.Bytes(expected)), actual);
    }

    [Fact]
    public void Qr_store_example_matches_the_documented_bytes()
    {
        // §1.5: 1D 28 6B 07 00 31 50 30 41 30 31 32 stores "A012".
        Assert.Contains(Hex.Of(Hex.Bytes("1D 28 6B 07 00 31 50 30 41 30 31 32")), Written(w => w.QrCode("A012", 3)));
    }

    [Fact]
    public void The_complete_section_1_7_ticket_is_byte_exact()
    {
        string expected = Hex.Of(Hex.Bytes(
            "1B 40 1C 26 1B 61 01 " + HallName + " 0A 1D 21 33 41 30 31 32 0A " +
            "1D 21 00 1B 45 01 " + CallLine + " 0A 1B 45 00 " +
            "1D 28 6B 04 00 31 41 32 00 1D 28 6B 03 00 31 43 06 1D 28 6B 03 00 31 45 31 " +
            "1D 28 6B 22 00 31 50 30 " + Hex.Of(System.Text.Encoding.ASCII.GetBytes(Url)) + " " +
            "1D 28 6B 03 00 31 51 30 0A 1B 64 03 1D 56 42 00"));

        string actual = Written(w => w
            .Initialize().ChineseMode(true).Align(Alignment.Center).Line("政务服务中心")
            .Size(4, 4).Line("A012")
            .Size(1, 1).Bold(true).Line("请到 5 号窗口办理").Bold(false)
            .QrCode(Url, 6, EscPos.QrErrorM).LineFeed()
            .Feed(3).Cut(CutMode.Partial));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_a_reason()
    {
        var w = new EscPosWriter(new ArrayBufferWriter<byte>(), PrinterProfile.Paper58);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Size(9, 1));
        Assert.Contains("ASCII", Assert.Throws<ArgumentException>(() => w.QrCode("https://例子.cn", 6)).Message);
        Assert.Contains("384", Assert.Throws<ArgumentOutOfRangeException>(() => w.RasterImage(new byte[49], 49, 1)).Message);
    }
}
