using Queue.Devices;
using Queue.Printing;
using Queue.Tests.Support;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.TicketPrinter.Tests;

/// <summary>
/// No USB printer here, so a plain file stands in for /dev/usb/lp0: writes land in it and nothing ever
/// answers, like a printer whose USB interface is not bidirectional.
/// </summary>
public class UsbPrinterLinkTests
{
    [Fact]
    public async Task A_printer_that_cannot_answer_is_offline_and_gets_no_job()
    {
        var device = Path.GetTempFileName();
        try
        {
            await using (var link = await DeviceLinks.OpenAsync(DeviceAddress.ForUsb(device), TimeSpan.FromSeconds(1), default))
            {
                Assert.IsType<UsbPrinterLink>(link);
                Assert.Null(((UsbPrinterLink)link).TryGetPortStatus()); // not a usblp node: no IEEE-1284 status
                var client = new TicketPrinterClient(link, PrinterProfile.Paper80) { ReplyTimeout = TimeSpan.FromMilliseconds(200) };
                var outcome = await client.PrintAsync(Tickets.Sample(), default);
                Assert.Equal(PrinterCondition.Offline, Assert.IsType<PrintOutcome.NotReady>(outcome).Status.Condition);
            }
            Assert.Equal(Hex.Of(Hex.Bytes("10 04 01")), Hex.Of(await File.ReadAllBytesAsync(device)));
        }
        finally
        {
            File.Delete(device);
        }
    }

    [Fact]
    public async Task Writes_reach_the_device_unchanged()
    {
        var device = Path.GetTempFileName();
        try
        {
            var job = TicketRenderer.Render(Tickets.Sample(), PrinterProfile.Paper58);
            await using (var link = await DeviceLinks.OpenAsync(DeviceAddress.ForUsb(device), TimeSpan.FromSeconds(1), default))
                await link.WriteAsync(job, default);
            Assert.Equal(job, await File.ReadAllBytesAsync(device));
        }
        finally
        {
            File.Delete(device);
        }
    }
}
