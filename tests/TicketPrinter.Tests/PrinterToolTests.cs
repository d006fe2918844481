using Queue.Tests.Support;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.TicketPrinter.Tests;

/// <summary>queue-printer run as a separate process against the fake TCP printer.</summary>
public class PrinterToolTests
{
    // A fake printer that answers does so at once; on a busy test machine its reply may still take longer than the
    // tool's 500 ms default, which is for real printers and is not what these tests are about.
    private const string Answering = "5000";

    [Fact]
    public async Task Status_of_an_online_printer_prints_ready_and_exits_0()
    {
        await using var printer = new TcpFakePrinter(FakeState.Online);
        var result = await PrinterToolProcess.RunAsync("status", "--printer", printer.Address, "--reply-timeout", Answering);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("打印机就绪 / Printer is ready", result.Output);
        await ArrivedAsync(printer, bytes => bytes.Length >= 9);
        Assert.Equal(Hex.Of(Hex.Bytes("10 04 01 10 04 02 10 04 04")), Hex.Of(printer.Printer.Received));
    }

    // The tool may exit before the fake printer's reader has taken the last bytes off the socket.
    private static async Task ArrivedAsync(TcpFakePrinter printer, Func<byte[], bool> enough)
    {
        for (var waited = 0; waited < 2000 && !enough(printer.Printer.Received); waited += 20) await Task.Delay(20);
    }

    [Fact]
    public async Task Status_of_a_printer_out_of_paper_says_so_in_both_languages_and_exits_3()
    {
        await using var printer = new TcpFakePrinter(FakeState.PaperOut);
        var result = await PrinterToolProcess.RunAsync("status", "--printer", printer.Address, "--reply-timeout", Answering);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("打印机缺纸 / Printer is out of paper", result.Output);
    }

    [Fact]
    public async Task Test_print_sends_a_sample_ticket_and_exits_0()
    {
        await using var printer = new TcpFakePrinter(FakeState.Online);
        var result = await PrinterToolProcess.RunAsync("test-print", "--printer", printer.Address, "--paper", "58", "--cut", "full", "--url", "https://example.com/t/1", "--reply-timeout", Answering);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("已打印 / Printed", result.Output);
        await ArrivedAsync(printer, bytes => Queue.Printing.EscPosDecoder.Decode(bytes).Cuts.Any());
        var paper = Queue.Printing.EscPosDecoder.Decode(printer.Printer.Received);
        Assert.Equal("https://example.com/t/1", Assert.Single(paper.QrCodes).Payload);
        Assert.Equal(Queue.Printing.CutMode.Full, Assert.Single(paper.Cuts).Mode);
        Assert.All(paper.Lines, l => Assert.True(l.Columns <= 32, l.Text));
    }

    [Fact]
    public async Task Unreachable_printer_is_not_ready_exit_3()
    {
        await using var printer = new TcpFakePrinter(FakeState.Online);
        string address = printer.Address;
        await printer.DisposeAsync(); // the port is closed now
        var result = await PrinterToolProcess.RunAsync("status", "--printer", address);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Printer does not answer", result.Output);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("status", "--printer", "ftp://x")]
    [InlineData("status", "--printer", "serial:///dev/ttyUSB0?baud=fast")]
    [InlineData("test-print", "--printer", "tcp://127.0.0.1:9100", "--paper", "76")]
    [InlineData("test-print", "--printer", "tcp://127.0.0.1:9100", "--cut", "half")]
    [InlineData("preview", "--out", "ticket.pdf")]
    [InlineData("frobnicate")]
    [InlineData("agent", "--silo", "http://127.0.0.1:5000", "--hall", "xuanen", "--kiosk", "k1", "--printer", "tcp://127.0.0.1:9100", "--token", "half a token")]
    public async Task Bad_arguments_exit_2_with_a_message(params string[] args)
    {
        var result = await PrinterToolProcess.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Bad argument", result.Error);
    }

    [Fact]
    public async Task The_agent_without_a_device_token_says_where_to_get_one()
    {
        var result = await PrinterToolProcess.RunAsync("agent", "--silo", "http://127.0.0.1:5000", "--hall", "xuanen", "--kiosk", "k1", "--printer", "tcp://127.0.0.1:9100");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("需要设备令牌 / A device token is required: pair a print-agent device named the kiosk id", result.Error);
        Assert.Contains("--token or QUEUE_DEVICE_TOKEN", result.Error);
        Assert.Contains("--token <token>", (await PrinterToolProcess.RunAsync("agent", "--help")).Output);
    }

    [Fact]
    public async Task Preview_writes_an_html_ticket()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("queue-preview-test-").FullName, "ticket.html");
        var result = await PrinterToolProcess.RunAsync("preview", "--out", file, "--paper", "58");
        Assert.Equal(0, result.ExitCode);
        var html = await File.ReadAllTextAsync(file);
        Assert.Contains("A001", html);
        Assert.Contains("<svg", html);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
