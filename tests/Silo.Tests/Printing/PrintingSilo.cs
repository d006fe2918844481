using Queue.Tests.Support;

namespace Queue.Silo.Tests.Printing;

/// <summary>The printing tests' settings and devices (the calls themselves are HallApi's).</summary>
public static class PrintingSilo
{
    /// <summary>A kiosk's printer on the silo's own machine, as SiloApplication settings.</summary>
    public static Dictionary<string, string> DirectPrinter(string address, string kiosk = "k1", int paper = 58) => new()
    {
        [$"Printing:Kiosks:xuanen:{kiosk}:Printer"] = address,
        [$"Printing:Kiosks:xuanen:{kiosk}:Paper"] = paper.ToString(),
    };

    /// <summary>A device <paramref name="manager"/> pairs, as in the manager dashboard; the client speaks with its token.</summary>
    public static async Task<HttpClient> Paired(this SiloApplication silo, HttpClient manager, string kind, string name) =>
        silo.DeviceClient((await manager.PairOk(kind, name)).Token);
}
