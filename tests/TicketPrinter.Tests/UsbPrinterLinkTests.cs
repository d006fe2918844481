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
            Assert.Equal(Hex.Of(Hex.Bytes("10 04 01 10 04 01")), Hex.Of(await File.ReadAllBytesAsync(device)));   // asked twice, then no job
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

    [Fact]
    public async Task A_reply_that_comes_after_the_timeout_goes_to_the_next_read()
    {
        // A FIFO blocks in read() like a bidirectional usblp printer that has nothing to say yet.
        var dir = Directory.CreateTempSubdirectory("queue-usb-");
        var device = Path.Combine(dir.FullName, "lp0");
        try
        {
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [device])) await mkfifo.WaitForExitAsync();
            await using var link = await DeviceLinks.OpenAsync(DeviceAddress.ForUsb(device), TimeSpan.FromSeconds(1), default);
            var reply = new byte[4];
            Assert.Equal(0, await link.ReadAsync(reply, TimeSpan.FromMilliseconds(100), default).AsTask().WaitAsync(TimeSpan.FromSeconds(2)));

            await using (var printer = new FileStream(device, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
                await printer.WriteAsync(Hex.Bytes("12"));

            Assert.Equal(1, await link.ReadAsync(reply, TimeSpan.FromSeconds(2), default));
            Assert.Equal(0x12, reply[0]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
