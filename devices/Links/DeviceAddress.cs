using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Queue.Devices;

public enum DeviceKind { Serial, Usb, Tcp }

/// <summary>
/// Where a device (printer, LED screen) is attached (设备地址), written as a URL:
/// <c>serial:///dev/ttyUSB0?baud=9600&amp;parity=none&amp;databits=8&amp;stopbits=1&amp;flow=none</c>,
/// <c>usb:///dev/usb/lp0</c> or <c>tcp://192.168.1.50:9100</c> (port 9100 when omitted).
/// <see cref="ToString"/> gives the canonical form, which <see cref="Parse"/> reads back to an equal value.
/// </summary>
public sealed record DeviceAddress
{
    public const int DefaultTcpPort = 9100;

    public DeviceKind Kind { get; }
    /// <summary>Device file for serial and USB (e.g. /dev/ttyUSB0); empty for TCP.</summary>
    public string Path { get; }
    /// <summary>Host name or IP for TCP; empty otherwise.</summary>
    public string Host { get; }
    /// <summary>TCP port; 0 otherwise.</summary>
    public int Port { get; }
    /// <summary>Line settings for serial; null otherwise.</summary>
    public SerialSettings? Serial { get; }

    private DeviceAddress(DeviceKind kind, string path, string host, int port, SerialSettings? serial) =>
        (Kind, Path, Host, Port, Serial) = (kind, path, host, port, serial);

    public static DeviceAddress ForSerial(string devicePath, SerialSettings? settings = null)
    {
        var error = CheckDevicePath(devicePath) ?? CheckSettings(settings ?? SerialSettings.Default);
        if (error is not null) throw new ArgumentException(error, nameof(devicePath));
        return new(DeviceKind.Serial, devicePath, "", 0, settings ?? SerialSettings.Default);
    }

    public static DeviceAddress ForUsb(string devicePath) =>
        CheckDevicePath(devicePath) is { } error
            ? throw new ArgumentException(error, nameof(devicePath))
            : new(DeviceKind.Usb, devicePath, "", 0, null);

    public static DeviceAddress ForTcp(string host, int port = DefaultTcpPort) =>
        (CheckHost(host) ?? CheckPort(port)) is { } error
            ? throw new ArgumentException(error, nameof(host))
            : new(DeviceKind.Tcp, "", host, port, null);

    /// <summary>Reads an address; throws <see cref="FormatException"/> saying what is wrong and what is expected.</summary>
    public static DeviceAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out DeviceAddress? address) =>
        TryParse(text, out address, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out DeviceAddress? address, out string error)
    {
        address = null;
        error = DeviceAddressParser.Parse(text, out var parsed) ?? "";
        if (parsed is null) return false;
        address = parsed.Kind switch
        {
            DeviceKind.Serial => new(DeviceKind.Serial, parsed.Path, "", 0, parsed.Serial),
            DeviceKind.Usb => new(DeviceKind.Usb, parsed.Path, "", 0, null),
            _ => new(DeviceKind.Tcp, "", parsed.Host, parsed.Port, null),
        };
        return true;
    }

    public override string ToString()
    {
        switch (Kind)
        {
            case DeviceKind.Usb: return $"usb://{Path}";
            case DeviceKind.Tcp: return Host.Contains(':') ? $"tcp://[{Host}]:{Port}" : $"tcp://{Host}:{Port}";
        }
        // Baud always; the other settings only when they differ from 8N1 without flow control.
        var s = Serial ?? SerialSettings.Default;
        var text = new StringBuilder($"serial://{Path}?baud={s.Baud}");
        if (s.Parity != Parity.None) text.Append("&parity=").Append(s.Parity.ToString().ToLowerInvariant());
        if (s.DataBits != 8) text.Append("&databits=").Append(s.DataBits);
        if (s.StopBits != StopBits.One) text.Append("&stopbits=").Append((int)s.StopBits);
        if (s.Flow != FlowControl.None) text.Append("&flow=").Append(s.Flow.ToString().ToLowerInvariant());
        return text.ToString();
    }

    internal static string? CheckDevicePath(string? path) =>
        string.IsNullOrWhiteSpace(path) || path[0] != '/' || path.Length < 2
            ? $"Device path '{path}' must be an absolute path such as /dev/ttyUSB0."
        : path.IndexOfAny(['?', '#', '&', ' ', '\t', '\0']) >= 0 || path.Contains("/../") || path.EndsWith("/..")
            ? $"Device path '{path}' contains characters or '..' segments not allowed in a device path."
        : null;

    internal static string? CheckHost(string? host) =>
        string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host) == UriHostNameType.Unknown
            ? $"'{host}' is not a valid host name or IP address."
            : null;

    internal static string? CheckPort(int port) =>
        port is < 1 or > 65535 ? $"TCP port {port} is out of range 1..65535." : null;

    internal static string? CheckSettings(SerialSettings settings)
    {
        try { settings.Validate(); return null; }
        catch (ArgumentException e) { return e.Message; }
    }
}
