using Queue.Contracts;
using Microsoft.Extensions.Options;
using Queue.Printing;
using Queue.Devices;

namespace Queue.Silo.Printing;

/// <summary>Configuration section "Printing" (出票).</summary>
public sealed class PrintingOptions
{
    /// <summary>The address residents' phones reach the silo at (e.g. http://192.168.1.10:5000); the QR link starts with it.
    /// Empty: the scheme and host of the kiosk's own request.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Printers attached to the silo's own machine: Kiosks:{hallId}:{kioskId}. Other kiosks print through an agent.</summary>
    public Dictionary<string, Dictionary<string, KioskPrinterOptions>> Kiosks { get; set; } = [];

    /// <summary>How long a job waits for its kiosk's agent to connect, or for the agent's result, before it fails.
    /// Shorter than the kiosk's 20 s of polling, so a resident told "note your number" never gets a late ticket.</summary>
    public int AgentWaitSeconds { get; set; } = 15;

    /// <summary>An agent neither connected nor heard from for this long raises a printer alert.</summary>
    public int AgentSilentSeconds { get; set; } = 30;

    /// <summary>How often a direct printer is asked for its status (DLE EOT) between jobs.</summary>
    public int StatusEverySeconds { get; set; } = 10;

    public KioskPrinterOptions? Direct(string hallId, string kioskId) =>
        Kiosks.TryGetValue(hallId, out var kiosks) && kiosks.TryGetValue(kioskId, out var printer) ? printer : null;
}

/// <summary>One kiosk's printer on the silo's machine.</summary>
public sealed class KioskPrinterOptions
{
    /// <summary>serial:///dev/ttyUSB0?baud=9600, usb:///dev/usb/lp0 or tcp://host:9100.</summary>
    public string Printer { get; set; } = "";
    public int Paper { get; set; } = 80;
    /// <summary>full, partial or none.</summary>
    public string Cut { get; set; } = "partial";
    /// <summary>native (GS ( k) or raster.</summary>
    public string Qr { get; set; } = "native";

    public DeviceAddress Address => DeviceAddress.Parse(Printer);

    public PrinterProfile Profile => PrinterProfile.ForPaper(Paper) with
    {
        Cut = Enum.Parse<CutMode>(Cut, ignoreCase: true),
        Qr = Enum.Parse<QrMode>(Qr, ignoreCase: true),
    };
}

/// <summary>Refuses to start on a printer address, paper width or link that cannot work, naming the kiosk.</summary>
public sealed class PrintingOptionsValidator : IValidateOptions<PrintingOptions>
{
    public ValidateOptionsResult Validate(string? name, PrintingOptions o)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(o.PublicUrl) &&
            (!Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            errors.Add($"Printing:PublicUrl '{o.PublicUrl}' must be an absolute http(s) URL such as http://192.168.1.10:5000.");
        if (o.AgentWaitSeconds < 1) errors.Add("Printing:AgentWaitSeconds must be at least 1.");
        if (o.AgentSilentSeconds < 1) errors.Add("Printing:AgentSilentSeconds must be at least 1.");
        if (o.StatusEverySeconds < 1) errors.Add("Printing:StatusEverySeconds must be at least 1.");
        foreach (var (hall, kiosks) in o.Kiosks)
            foreach (var (kiosk, p) in kiosks)
            {
                var at = $"Printing:Kiosks:{hall}:{kiosk}";
                if (!DeviceAddress.TryParse(p.Printer, out _, out var error)) errors.Add($"{at}:Printer: {error}");
                if (p.Paper is not (58 or 80)) errors.Add($"{at}:Paper must be 58 or 80, not {p.Paper}.");
                if (!Enum.TryParse<CutMode>(p.Cut, true, out _) || int.TryParse(p.Cut, out _)) errors.Add($"{at}:Cut must be full, partial or none.");
                if (!Enum.TryParse<QrMode>(p.Qr, true, out _) || int.TryParse(p.Qr, out _)) errors.Add($"{at}:Qr must be native or raster.");
            }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
