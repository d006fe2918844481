using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Queue.Silo.Tests.Printing;

/// <summary>The printing tests' silo: the same one with printing settings (the calls themselves are HallApi's).</summary>
public static class PrintingSilo
{
    /// <summary>The same silo (clock, database) with extra settings, e.g. a kiosk's direct printer.</summary>
    public static WebApplicationFactory<Program> With(this SiloApplication silo, params (string Key, string Value)[] settings) =>
        silo.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    public static (string, string)[] DirectPrinter(string address, string kiosk = "k1", int paper = 58) =>
        [($"Printing:Kiosks:xuanen:{kiosk}:Printer", address), ($"Printing:Kiosks:xuanen:{kiosk}:Paper", paper.ToString())];
}
