using System.Net;
using System.Net.Sockets;
using Queue.Printing;
using Queue.Devices;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.TicketPrinter.Tests;

/// <summary>The same printing rules over raw TCP, against a fake "port 9100" printer on 127.0.0.1.</summary>
public class TcpPrintingTests
{
    private static async Task<(PrintOutcome Outcome, byte[] Received)> PrintOnce(FakeState state, TimeSpan? replyTimeout = null)
    {
        await using var printer = new TcpFakePrinter(state);
        PrintOutcome outcome;
        await using (var link = await DeviceLinks.OpenAsync(DeviceAddress.Parse(printer.Address), TimeSpan.FromSeconds(2), default))
        {
            var client = new TicketPrinterClient(link, PrinterProfile.Paper80) { ReplyTimeout = replyTimeout ?? TimeSpan.FromMilliseconds(500) };
            outcome = await client.PrintAsync(Tickets.Sample(), default);
        }
        await Task.Delay(50); // let the fake printer record the last bytes
        return (outcome, printer.Printer.Received);
    }

    [Fact]
    public async Task Online_printer_prints_and_the_decoded_QR_is_the_status_link()
    {
        var (outcome, received) = await PrintOnce(FakeState.Online);
        Assert.True(outcome.IsPrinted, outcome.Message);
        var paper = EscPosDecoder.Decode(received);
        Assert.Equal(Tickets.StatusUrl, Assert.Single(paper.QrCodes).Payload);
        Assert.Contains(paper.Lines, l => l.Text == "A012" && l.Height >= 3);
    }

    [Theory]
    [InlineData(FakeState.PaperOut, PrinterCondition.PaperOut)]
    [InlineData(FakeState.CoverOpen, PrinterCondition.CoverOpen)]
    [InlineData(FakeState.Silent, PrinterCondition.Offline)]
    public async Task Not_ready_printers_get_no_job(FakeState state, PrinterCondition expected)
    {
        var (outcome, received) = await PrintOnce(state, TimeSpan.FromMilliseconds(300));
        Assert.Equal(expected, Assert.IsType<PrintOutcome.NotReady>(outcome).Status.Condition);
        Assert.Empty(EscPosDecoder.Decode(received).Lines);
    }

    [Fact]
    public async Task Refused_connection_is_an_IOException_naming_the_address()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var error = await Assert.ThrowsAsync<IOException>(() =>
            DeviceLinks.OpenAsync(DeviceAddress.ForTcp("127.0.0.1", port), TimeSpan.FromSeconds(2), default));
        Assert.Contains($"127.0.0.1:{port}", error.Message);
    }

    [Fact]
    public async Task Peer_closing_the_connection_is_reported_as_no_answer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = listener.AcceptTcpClientAsync();
        await using var link = await DeviceLinks.OpenAsync(DeviceAddress.ForTcp("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port), TimeSpan.FromSeconds(2), default);
        (await accepted).Dispose();
        listener.Stop();

        var status = await new TicketPrinterClient(link, PrinterProfile.Paper80).QueryStatusAsync(default);
        Assert.Equal(PrinterCondition.Offline, status.Condition);
        Assert.NotNull(status.Detail);
    }
}
