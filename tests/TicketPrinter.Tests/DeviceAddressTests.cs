using Queue.Devices;

namespace Queue.TicketPrinter.Tests;

public class DeviceAddressTests
{
    [Theory]
    [InlineData("serial:///dev/ttyUSB0?baud=9600")]
    [InlineData("serial:///dev/ttyS0?baud=19200&parity=odd&databits=7&stopbits=2&flow=xonxoff")]
    [InlineData("serial:///dev/serial/by-id/usb-1a86_USB_Serial-if00-port0?baud=115200&flow=rtscts")]
    [InlineData("usb:///dev/usb/lp0")]
    [InlineData("tcp://192.168.1.50:9100")]
    [InlineData("tcp://printer.hall.local:9101")]
    [InlineData("tcp://[fe80::1]:9100")]
    public void Canonical_addresses_round_trip_through_ToString(string text)
    {
        var address = DeviceAddress.Parse(text);
        Assert.Equal(text, address.ToString());
        Assert.Equal(address, DeviceAddress.Parse(address.ToString()));
    }

    [Fact]
    public void Serial_options_are_read_and_default_to_9600_8N1_without_flow_control()
    {
        var plain = DeviceAddress.Parse("serial:///dev/ttyUSB0");
        Assert.Equal(DeviceKind.Serial, plain.Kind);
        Assert.Equal("/dev/ttyUSB0", plain.Path);
        Assert.Equal(new SerialSettings(9600, Parity.None, 8, StopBits.One, FlowControl.None), plain.Serial);

        var full = DeviceAddress.Parse("SERIAL:///dev/ttyS1?Baud=250000&parity=even&stopbits=2&flow=rtscts");
        Assert.Equal(new SerialSettings(250000, Parity.Even, 8, StopBits.Two, FlowControl.RtsCts), full.Serial);
    }

    [Fact]
    public void Tcp_port_defaults_to_9100()
    {
        var address = DeviceAddress.Parse("tcp://10.0.0.5");
        Assert.Equal(("10.0.0.5", 9100), (address.Host, address.Port));
        Assert.Equal("tcp://10.0.0.5:9100", address.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("/dev/ttyUSB0", "no scheme")]
    [InlineData("ftp://host", "Unknown scheme 'ftp'")]
    [InlineData("serial://dev/ttyUSB0", "three slashes")]
    [InlineData("serial:///dev/ttyUSB0?baud=fast", "baud 'fast'")]
    [InlineData("serial:///dev/ttyUSB0?baud=10", "baud '10'")]
    [InlineData("serial:///dev/ttyUSB0?parity=mark", "parity 'mark'")]
    [InlineData("serial:///dev/ttyUSB0?stopbits=1.5", "stopbits '1.5'")]
    [InlineData("serial:///dev/ttyUSB0?flow=dsrdtr", "flow 'dsrdtr'")]
    [InlineData("serial:///dev/ttyUSB0?speed=9600", "unknown option 'speed'")]
    [InlineData("serial:///dev/ttyUSB0?baud=9600&baud=19200", "given twice")]
    [InlineData("usb:///dev/usb/lp0?baud=9600", "takes no options")]
    [InlineData("tcp://192.168.1.50:70000", "out of range")]
    [InlineData("tcp://192.168.1.50:abc", "not a number")]
    [InlineData("tcp://:9100", "not a valid host")]
    [InlineData("tcp://host/path", "only host and port")]
    public void Bad_addresses_throw_FormatException_saying_what_is_wrong(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => DeviceAddress.Parse(text));
        Assert.Contains(expected, error.Message);
        Assert.False(DeviceAddress.TryParse(text, out var address));
        Assert.Null(address);
    }

    [Fact]
    public async Task Opening_a_missing_device_names_it_in_the_error()
    {
        var error = await Assert.ThrowsAsync<IOException>(() =>
            DeviceLinks.OpenAsync(DeviceAddress.Parse("serial:///dev/queue-no-such-port"), TimeSpan.FromSeconds(1), default));
        Assert.Contains("/dev/queue-no-such-port", error.Message);
    }

    [Fact]
    public async Task Opening_a_file_that_is_not_a_tty_as_serial_says_so()
    {
        var error = await Assert.ThrowsAsync<IOException>(() =>
            DeviceLinks.OpenAsync(DeviceAddress.Parse("serial:///dev/null"), TimeSpan.FromSeconds(1), default));
        Assert.Contains("not a serial port", error.Message);
    }
}
