using Queue.Printing;
using Queue.Devices;

namespace Queue.PrinterTool;

/// <summary>
/// What `queue-printer agent` was started with: which silo, hall and kiosk, the print-agent token the manager paired it
/// with (a print-agent device named the kiosk id), and the printer on this computer.
/// </summary>
public sealed record AgentSettings(Uri Silo, string HallId, string KioskId, string Token, DeviceAddress Printer, PrinterProfile Profile)
{
    /// <summary>How often the printer's health is reported; the silo alerts after 30 s without news.</summary>
    public TimeSpan StatusEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The silo's address with one trailing slash, so relative API paths append to any path prefix.</summary>
    public Uri SiloBase => new(Silo.ToString().TrimEnd('/') + "/");

    public Uri HubUrl => new(SiloBase,
        $"hubs/hall?hall={Uri.EscapeDataString(HallId)}&role=printer&kiosk={Uri.EscapeDataString(KioskId)}");

    public string ResultPath(string jobId) =>
        $"api/halls/{Uri.EscapeDataString(HallId)}/print-jobs/{Uri.EscapeDataString(jobId)}/result";

    /// <summary>How the manager must pair this agent, for messages about a refused token.</summary>
    public string PairAs => $"print-agent {KioskId}";

    public string StatusPath => $"api/halls/{Uri.EscapeDataString(HallId)}/printers/{Uri.EscapeDataString(KioskId)}/status";
}
