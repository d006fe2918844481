using Queue.Tests.Support;
using Queue.Printing;
using Queue.Devices;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.TicketPrinter.Tests;

/// <summary>Our SerialLink on one end of a socat pty pair, a fake printer on the other (a real tty device, raw bytes).</summary>
public class SerialPrintingTests
{
    private static readonly TimeSpan ShortReply = TimeSpan.FromMilliseconds(300);

    private sealed class Rig : IAsyncDisposable
    {
        private readonly SocatPair _pair = SocatPair.Start();
        private readonly FileStream _printerEnd;
        private readonly Task _serving;

        public Rig(FakeState state)
        {
            Printer = new FakePrinter(state);
            _printerEnd = _pair.OpenDeviceEnd();
            _serving = Printer.ServeAsync(_printerEnd);
        }

        public FakePrinter Printer { get; }
        public DeviceAddress Address => DeviceAddress.Parse($"serial://{_pair.HostEnd}?baud=9600");

        public async Task<IDeviceLink> OpenAsync() => await DeviceLinks.OpenAsync(Address, TimeSpan.FromSeconds(1), default);

        public async ValueTask DisposeAsync()
        {
            _pair.Dispose(); // killing socat ends the fake printer's blocking read
            await _serving.WaitAsync(TimeSpan.FromSeconds(5));
            await _printerEnd.DisposeAsync();
        }
    }

    [Fact]
    public async Task Online_printer_gets_the_whole_ticket_and_the_job_is_reported_printed()
    {
        await using var rig = new Rig(FakeState.Online);
        await using var link = await rig.OpenAsync();
        var client = new TicketPrinterClient(link, PrinterProfile.Paper58);

        var outcome = await client.PrintAsync(Tickets.Sample(), default);

        var printed = Assert.IsType<PrintOutcome.Printed>(outcome);
        Assert.Equal(PrinterCondition.Online, printed.StatusAfter.Condition);
        var job = TicketRenderer.Render(Tickets.Sample(), PrinterProfile.Paper58);
        var received = rig.Printer.Received;
        Assert.True(Hex.IndexOf(received, job) >= 0, "the ticket bytes arrive unchanged (raw mode: no CR/LF or XON/XOFF rewriting)");
        Assert.True(Hex.IndexOf(received, job) >= 9, "status was asked (DLE EOT 1, 2, 4) before the job");
        var paper = EscPosDecoder.Decode(received);
        Assert.Equal(Tickets.StatusUrl, Assert.Single(paper.QrCodes).Payload);
        Assert.Equal([1, 2, 4, 1, 2, 4], paper.StatusQueries);
    }

    [Theory]
    [InlineData(FakeState.PaperOut, PrinterCondition.PaperOut)]
    [InlineData(FakeState.CoverOpen, PrinterCondition.CoverOpen)]
    public async Task Printer_not_ready_refuses_the_job_and_sends_nothing(FakeState state, PrinterCondition expected)
    {
        await using var rig = new Rig(state);
        await using var link = await rig.OpenAsync();
        var outcome = await new TicketPrinterClient(link, PrinterProfile.Paper80).PrintAsync(Tickets.Sample(), default);

        Assert.Equal(expected, Assert.IsType<PrintOutcome.NotReady>(outcome).Status.Condition);
        Assert.Equal(Hex.Of(Hex.Bytes("10 04 01 10 04 02 10 04 04")), Hex.Of(rig.Printer.Received));
    }

    [Fact]
    public async Task Silent_far_end_is_offline()
    {
        await using var rig = new Rig(FakeState.Silent);
        await using var link = await rig.OpenAsync();
        var client = new TicketPrinterClient(link, PrinterProfile.Paper80) { ReplyTimeout = ShortReply };

        var started = DateTime.UtcNow;
        var outcome = await client.PrintAsync(Tickets.Sample(), default);

        Assert.Equal(PrinterCondition.Offline, Assert.IsType<PrintOutcome.NotReady>(outcome).Status.Condition);
        // Asked twice. The read timer may fire a millisecond before the clock says the time is up.
        Assert.InRange(DateTime.UtcNow - started, ShortReply * 2 * 0.9, TimeSpan.FromSeconds(3));
        Assert.Equal(Hex.Of(Hex.Bytes("10 04 01 10 04 01")), Hex.Of(rig.Printer.Received));
    }

    [Fact]
    public async Task A_status_reply_lost_once_is_asked_again_and_the_ticket_prints()
    {
        await using var rig = new Rig(FakeState.Online);
        rig.Printer.QueriesToIgnore = 1;
        await using var link = await rig.OpenAsync();

        var outcome = await new TicketPrinterClient(link, PrinterProfile.Paper58) { ReplyTimeout = ShortReply }.PrintAsync(Tickets.Sample(), default);

        Assert.IsType<PrintOutcome.Printed>(outcome);
        Assert.Equal([1, 1, 2, 4, 1, 2, 4], EscPosDecoder.Decode(rig.Printer.Received).StatusQueries);
    }

    [Fact]
    public async Task Paper_running_out_during_the_job_is_a_failure_not_a_printed_ticket()
    {
        await using var rig = new Rig(FakeState.Online);
        rig.Printer.StateAfterCut = FakeState.PaperOut;
        await using var link = await rig.OpenAsync();
        var outcome = await new TicketPrinterClient(link, PrinterProfile.Paper58).PrintAsync(Tickets.Sample(), default);

        var failed = Assert.IsType<PrintOutcome.Failed>(outcome);
        Assert.Equal(PrinterCondition.PaperOut, failed.Status!.Condition);
        Assert.Contains("打印机缺纸", failed.Reason);
    }

    [Fact]
    public async Task Paper_near_end_still_prints_and_warns()
    {
        await using var rig = new Rig(FakeState.PaperNearEnd);
        await using var link = await rig.OpenAsync();
        var outcome = await new TicketPrinterClient(link, PrinterProfile.Paper58).PrintAsync(Tickets.Sample(), default);
        Assert.True(outcome.IsPrinted);
        Assert.Contains("纸将用完", outcome.Message);
    }

    [Fact]
    public async Task A_cooked_port_is_made_raw_and_moves_every_byte_value_both_ways()
    {
        using var pair = SocatPair.Start();
        pair.MakeCooked(); // stty sane: echo, ICRNL, OPOST, IXON — what a freshly plugged adapter may have
        // Linux ptys force CS8 without parity (pty_set_termios), so only speed, stop bits and flow control can be checked here.
        var settings = "?baud=115200&stopbits=2&flow=rtscts";
        await using var host = (SerialLink)await DeviceLinks.OpenAsync(DeviceAddress.Parse($"serial://{pair.HostEnd}{settings}"), TimeSpan.FromSeconds(1), default);
        await using var far = await DeviceLinks.OpenAsync(DeviceAddress.Parse($"serial://{pair.DeviceEnd}"), TimeSpan.FromSeconds(1), default);

        var applied = pair.Settings(pair.HostEnd);
        Assert.Contains("speed 115200 baud", applied.Text);
        Assert.Superset(new HashSet<string> { "cstopb", "crtscts", "-icanon", "-echo", "-isig", "-iexten", "-opost", "-icrnl", "-ixon" }, applied.Flags);

        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(); // 0A 0D 11 13 would be rewritten or eaten in cooked mode
        foreach (var (from, to) in new[] { (host, far), ((IDeviceLink)far, (IDeviceLink)host) })
        {
            await from.WriteAsync(all, default);
            var got = new byte[256];
            Assert.Equal(256, await to.ReadExactlyAsync(got, TimeSpan.FromSeconds(2), default));
            Assert.Equal(all, got);
        }
        Assert.Equal(0, await host.ReadAsync(new byte[4], TimeSpan.FromMilliseconds(100), default)); // no echo came back
    }

    [Fact]
    public async Task A_port_can_be_open_only_once_per_process()
    {
        using var pair = SocatPair.Start();
        var address = DeviceAddress.Parse($"serial://{pair.HostEnd}");
        await using (await DeviceLinks.OpenAsync(address, TimeSpan.FromSeconds(1), default))
        {
            var error = await Assert.ThrowsAsync<IOException>(() => DeviceLinks.OpenAsync(address, TimeSpan.FromSeconds(1), default));
            Assert.Contains("already open", error.Message);
        }
        await using var again = await DeviceLinks.OpenAsync(address, TimeSpan.FromSeconds(1), default); // free after dispose
    }

    [Fact]
    public async Task A_write_nobody_reads_times_out_instead_of_hanging()
    {
        using var pair = SocatPair.Start();
        await using var link = (SerialLink)await DeviceLinks.OpenAsync(DeviceAddress.Parse($"serial://{pair.HostEnd}"), TimeSpan.FromSeconds(1), default);
        link.WriteStallTimeout = TimeSpan.FromMilliseconds(300);
        var big = new byte[1 << 20]; // more than the pty and socat buffers hold
        var error = await Assert.ThrowsAsync<TimeoutException>(async () => await link.WriteAsync(big, default));
        Assert.Contains(pair.HostEnd, error.Message);
        // The buffers are still full: the next write must time out the same way, not fail oddly.
        await Assert.ThrowsAsync<TimeoutException>(async () => await link.WriteAsync(new byte[] { 0x0A }, default));
    }

    [Fact]
    public async Task An_odd_baud_rate_opens_and_moves_bytes()
    {
        using var pair = SocatPair.Start();
        // 250000 has no Bxxx constant: System.IO.Ports sets it through termios2 BOTHER.
        await using var host = await DeviceLinks.OpenAsync(DeviceAddress.Parse(pair.Address(250_000)), TimeSpan.FromSeconds(1), default);
        await using var far = await DeviceLinks.OpenAsync(DeviceAddress.Parse($"serial://{pair.DeviceEnd}"), TimeSpan.FromSeconds(1), default);

        await host.WriteAsync(Hex.Bytes("10 04 01"), default);
        var got = new byte[3];
        Assert.Equal(3, await far.ReadExactlyAsync(got, TimeSpan.FromSeconds(2), default));
        Assert.Equal("100401", Hex.Of(got));
        await far.WriteAsync(Hex.Bytes("12"), default);
        Assert.Equal(1, await host.ReadAsync(got, TimeSpan.FromSeconds(2), default));
        Assert.Equal(0x12, got[0]);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("rtscts")]
    [InlineData("xonxoff")]
    public async Task Modem_lines_and_flow_control_on_a_pty_do_not_throw(string flow)
    {
        using var pair = SocatPair.Start();
        // Ptys refuse the DTR/RTS ioctls ("Inappropriate ioctl"); the link raises them where they exist and goes on.
        await using var host = await DeviceLinks.OpenAsync(DeviceAddress.Parse($"{pair.Address()}&flow={flow}"), TimeSpan.FromSeconds(1), default);
        await using var far = pair.OpenDeviceEnd();

        await host.WriteAsync(Hex.Bytes("1B 40"), default);
        var got = new byte[2];
        await far.ReadExactlyAsync(got).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("1B40", Hex.Of(got));
    }

    [Fact]
    public async Task A_far_end_that_vanishes_mid_write_fails_the_link_and_dispose_is_bounded()
    {
        var pair = SocatPair.Start();
        var link = (SerialLink)await DeviceLinks.OpenAsync(DeviceAddress.Parse(pair.Address()), TimeSpan.FromSeconds(1), default);
        link.WriteStallTimeout = TimeSpan.FromSeconds(30); // the failure must come from the hang-up, not from the stall timer
        var writing = link.WriteAsync(new byte[1 << 20], default).AsTask(); // more than the pty holds: still writing

        pair.Dispose(); // killing socat hangs up our end of the pty

        var error = await Assert.ThrowsAsync<IOException>(() => writing.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains(pair.HostEnd, error.Message);
        // Nothing is written after the failure (a dead SerialPort hangs in Close() if it was): it fails at once.
        var again = await Assert.ThrowsAsync<IOException>(async () => await link.WriteAsync(Hex.Bytes("0A"), default).AsTask().WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(error.Message, again.Message);
        await link.DisposeAsync().AsTask().WaitAsync(SerialLink.CloseTimeout + TimeSpan.FromSeconds(1));
    }
}
