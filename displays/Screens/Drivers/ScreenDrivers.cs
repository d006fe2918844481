using Queue.Devices;

namespace Queue.Screens.Drivers;

/// <summary>Makes the driver a screen's configuration names.</summary>
public static class ScreenDrivers
{
    public static readonly string[] Names = ["onbon-bx5k", "generic-line", "seven-segment", "emulator"];

    /// <param name="baseDirectory">Relative emulator files are taken from here (the config file's folder).</param>
    public static IScreenDriver Create(ScreenConfig screen, DeviceBuses buses, string? baseDirectory = null)
    {
        if (!Names.Contains(screen.Driver))
            throw new FormatException($"Screen {screen.Id}: unknown driver '{screen.Driver}' (use {string.Join(", ", Names)}).");
        if (screen.Driver == "emulator")
        {
            string? file = screen.String("file") is { } f ? Path.GetFullPath(f, baseDirectory ?? Environment.CurrentDirectory) : null;
            return new EmulatorDriver(screen, file);
        }
        if (string.IsNullOrWhiteSpace(screen.Address))
            throw new FormatException($"Screen {screen.Id}: driver {screen.Driver} needs an address (serial:///dev/ttyUSB0?baud=9600 or tcp://host:port).");
        var bus = buses.For(DeviceAddress.Parse(screen.Address));
        return screen.Driver switch
        {
            "onbon-bx5k" => new OnbonDriver(bus, screen),
            "generic-line" => new GenericLineDriver(bus, screen),
            _ => new SevenSegmentDriver(bus, screen),
        };
    }
}
