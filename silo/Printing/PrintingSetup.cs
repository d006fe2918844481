using Queue.Contracts;
using Microsoft.Extensions.Options;

namespace Queue.Silo.Printing;

public static class PrintingSetup
{
    /// <summary>Ticket printing: the print desk, printers on this machine, printer health and its alerts.</summary>
    public static IHostApplicationBuilder AddPrinting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PrintingOptions>().BindConfiguration("Printing").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PrintingOptions>, PrintingOptionsValidator>();
        builder.Services.AddSingleton<PrinterWatch>();
        builder.Services.AddSingleton<DirectPrinters>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DirectPrinters>());
        builder.Services.AddSingleton<PrintDesk>();
        builder.Services.AddHostedService<PrintSweep>();
        return builder;
    }
}

/// <summary>Once a second: jobs whose agent never came fail (so the kiosk can tell the resident), silent agents raise alerts.</summary>
public sealed class PrintSweep(PrintDesk desk, PrinterWatch watch) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        // Real time on purpose: the tests' hand-moved clock only decides what counts as late.
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stop))
        {
            desk.Expire();
            watch.CheckSilence();
        }
    }
}
