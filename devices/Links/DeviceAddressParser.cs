using System.Globalization;

namespace Queue.Devices;

/// <summary>The text side of <see cref="DeviceAddress"/>: every failure is an English sentence naming the bad part.</summary>
internal static class DeviceAddressParser
{
    internal sealed record Parsed(DeviceKind Kind, string Path, string Host, int Port, SerialSettings? Serial);

    private const string Examples =
        "Expected serial:///dev/ttyUSB0?baud=9600, usb:///dev/usb/lp0 or tcp://192.168.1.50:9100.";

    private static readonly string[] SerialKeys = ["baud", "parity", "databits", "stopbits", "flow"];

    /// <summary>Returns null and sets <paramref name="parsed"/> on success, otherwise the error message.</summary>
    public static string? Parse(string? text, out Parsed? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(text)) return "The device address is empty. " + Examples;
        text = text.Trim();
        int sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0) return $"'{text}' has no scheme. " + Examples;
        string scheme = text[..sep].ToLowerInvariant(), rest = text[(sep + 3)..];
        return scheme switch
        {
            "serial" => ParseSerial(text, rest, out parsed),
            "usb" => ParseUsb(text, rest, out parsed),
            "tcp" => ParseTcp(text, rest, out parsed),
            _ => $"Unknown scheme '{scheme}' in '{text}'. " + Examples,
        };
    }

    private static string? ParseUsb(string text, string rest, out Parsed? parsed)
    {
        parsed = null;
        if (rest.Contains('?')) return $"'{text}': a usb address takes no options.";
        if (DeviceAddress.CheckDevicePath(rest) is { } error) return $"'{text}': {error}";
        parsed = new(DeviceKind.Usb, rest, "", 0, null);
        return null;
    }

    private static string? ParseSerial(string text, string rest, out Parsed? parsed)
    {
        parsed = null;
        int q = rest.IndexOf('?');
        string path = q < 0 ? rest : rest[..q], query = q < 0 ? "" : rest[(q + 1)..];
        if (DeviceAddress.CheckDevicePath(path) is { } pathError)
            return $"'{text}': {pathError} Write three slashes: serial:///dev/ttyUSB0.";

        var settings = SerialSettings.Default;
        var seen = new HashSet<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string key = (eq < 0 ? pair : pair[..eq]).Trim().ToLowerInvariant();
            string value = eq < 0 ? "" : pair[(eq + 1)..].Trim().ToLowerInvariant();
            if (!SerialKeys.Contains(key))
                return $"'{text}': unknown option '{key}'. Known options: {string.Join(", ", SerialKeys)}.";
            if (!seen.Add(key)) return $"'{text}': option '{key}' is given twice.";
            if (value.Length == 0) return $"'{text}': option '{key}' has no value.";
            string? error = null;
            settings = key switch
            {
                "baud" => Int(value, out var baud) && baud is >= SerialSettings.MinBaud and <= SerialSettings.MaxBaud
                    ? settings with { Baud = baud }
                    : Fail(out error, $"baud '{value}' must be a number from {SerialSettings.MinBaud} to {SerialSettings.MaxBaud}"),
                "parity" => value switch
                {
                    "none" or "n" => settings with { Parity = Parity.None },
                    "odd" or "o" => settings with { Parity = Parity.Odd },
                    "even" or "e" => settings with { Parity = Parity.Even },
                    _ => Fail(out error, $"parity '{value}' must be none, odd or even"),
                },
                "databits" => Int(value, out var bits) && bits is >= 5 and <= 8
                    ? settings with { DataBits = bits }
                    : Fail(out error, $"databits '{value}' must be 5, 6, 7 or 8"),
                "stopbits" => value switch
                {
                    "1" => settings with { StopBits = StopBits.One },
                    "2" => settings with { StopBits = StopBits.Two },
                    _ => Fail(out error, $"stopbits '{value}' must be 1 or 2"),
                },
                _ => value switch
                {
                    "none" => settings with { Flow = FlowControl.None },
                    "rtscts" => settings with { Flow = FlowControl.RtsCts },
                    "xonxoff" => settings with { Flow = FlowControl.XonXoff },
                    _ => Fail(out error, $"flow '{value}' must be none, rtscts or xonxoff"),
                },
            };
            if (error is not null) return $"'{text}': {error}.";
        }
        parsed = new(DeviceKind.Serial, path, "", 0, settings);
        return null;
    }

    private static string? ParseTcp(string text, string rest, out Parsed? parsed)
    {
        parsed = null;
        rest = rest.TrimEnd('/');
        if (rest.IndexOfAny(['/', '?', '#', '@']) >= 0)
            return $"'{text}': a tcp address is only host and port, e.g. tcp://192.168.1.50:9100.";
        string host, portText = "";
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']');
            if (close < 0) return $"'{text}': IPv6 address is missing its closing ']'.";
            host = rest[1..close];
            string after = rest[(close + 1)..];
            if (after.Length > 0 && after[0] != ':') return $"'{text}': expected ':port' after ']'.";
            portText = after.Length > 0 ? after[1..] : "";
        }
        else
        {
            int colon = rest.IndexOf(':');
            if (colon >= 0 && rest.IndexOf(':', colon + 1) >= 0)
                return $"'{text}': write IPv6 addresses in brackets, e.g. tcp://[fe80::1]:9100.";
            host = colon < 0 ? rest : rest[..colon];
            portText = colon < 0 ? "" : rest[(colon + 1)..];
        }
        if (DeviceAddress.CheckHost(host) is { } hostError) return $"'{text}': {hostError}";
        int port = DeviceAddress.DefaultTcpPort;
        if (portText.Length > 0 && !Int(portText, out port))
            return $"'{text}': port '{portText}' is not a number.";
        if (DeviceAddress.CheckPort(port) is { } portError) return $"'{text}': {portError}";
        parsed = new(DeviceKind.Tcp, "", host, port, null);
        return null;
    }

    private static bool Int(string value, out int number) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number);

    private static SerialSettings Fail(out string? error, string message)
    {
        error = message;
        return SerialSettings.Default;
    }
}
