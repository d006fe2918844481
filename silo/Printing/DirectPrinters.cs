using Queue.Contracts;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Queue.Printing;
using Queue.Devices;

namespace Queue.Silo.Printing;

/// <summary>
/// Printers attached to the silo's own machine (Printing:Kiosks). Each has its own small queue and loop, so a
/// slow or dead printer holds up neither the hall's grain nor the request nor the other printers; between
/// jobs the loop asks the printer for its status.
/// </summary>
public sealed class DirectPrinters : BackgroundService
{
    private readonly Dictionary<(string Hall, string Kiosk), DirectPrinter> _printers = [];

    public DirectPrinters(IOptions<PrintingOptions> options, PrinterWatch watch, ILogger<DirectPrinters> logger)
    {
        var o = options.Value;
        foreach (var (hall, kiosks) in o.Kiosks)
            foreach (var (kiosk, p) in kiosks)
                // Bad entries are named by PrintingOptionsValidator, which stops the start.
                if (DeviceAddress.TryParse(p.Printer, out var address) && p.Paper is 58 or 80)
                    _printers[(hall, kiosk)] = new DirectPrinter(hall, kiosk, address!, p.Profile, watch, TimeSpan.FromSeconds(o.StatusEverySeconds), logger);
    }

    public bool Has(string hallId, string kioskId) => _printers.ContainsKey((hallId, kioskId));

    /// <summary>Queues the ticket on the kiosk's printer; <paramref name="done"/> runs on the printer's loop afterwards.</summary>
    public bool TryPrint(string hallId, string kioskId, TicketPrint ticket, Action<PrintOutcome> done)
    {
        if (!_printers.TryGetValue((hallId, kioskId), out var printer)) return false;
        printer.Enqueue(ticket, done);
        return true;
    }

    protected override Task ExecuteAsync(CancellationToken stop) => Task.WhenAll(_printers.Values.Select(p => p.RunAsync(stop)));
}

/// <summary>One printer: a link opened per job or status check (TCP printers often take a single client), one at a time.</summary>
internal sealed class DirectPrinter(string hallId, string kioskId, DeviceAddress address, PrinterProfile profile,
    PrinterWatch watch, TimeSpan statusEvery, ILogger logger)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private readonly Channel<(TicketPrint Ticket, Action<PrintOutcome> Done)> _jobs = Channel.CreateUnbounded<(TicketPrint, Action<PrintOutcome>)>();
    private PrinterCondition? _last;

    public void Enqueue(TicketPrint ticket, Action<PrintOutcome> done) => _jobs.Writer.TryWrite((ticket, done));

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await CheckAsync(stop); // at start, so a dead printer shows before the first resident comes
            while (!stop.IsCancellationRequested)
            {
                if (await JobWaitingAsync(stop))
                    while (_jobs.Reader.TryRead(out var job)) job.Done(await PrintAsync(job.Ticket, stop));
                else
                    await CheckAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    private async Task<bool> JobWaitingAsync(CancellationToken stop)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop);
        wait.CancelAfter(statusEvery);
        try { return await _jobs.Reader.WaitToReadAsync(wait.Token); }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested) { return false; }
    }

    private async Task<PrintOutcome> PrintAsync(TicketPrint ticket, CancellationToken stop)
    {
        PrintOutcome outcome;
        try
        {
            await using var link = await DeviceLinks.OpenAsync(address, ConnectTimeout, stop);
            outcome = await new TicketPrinterClient(link, profile).PrintAsync(ticket, stop);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            outcome = new PrintOutcome.Failed(e.Message, PrinterStatus.NoAnswer(e.Message));
        }
        catch (ArgumentException e) // the ticket cannot be rendered; nothing was sent, the printer is not at fault
        {
            return new PrintOutcome.Failed(e.Message, null);
        }
        if (outcome switch { PrintOutcome.Printed p => p.StatusAfter, PrintOutcome.NotReady n => n.Status, PrintOutcome.Failed f => f.Status, _ => null } is { } status)
            Record(status);
        return outcome;
    }

    private async Task CheckAsync(CancellationToken stop)
    {
        try
        {
            await using var link = await DeviceLinks.OpenAsync(address, ConnectTimeout, stop);
            Record(await new TicketPrinterClient(link, profile).QueryStatusAsync(stop));
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            Record(PrinterStatus.NoAnswer(e.Message));
        }
    }

    private void Record(PrinterStatus status)
    {
        if (status.Condition != _last) PrintLog.DirectStatus(logger, hallId, kioskId, address.ToString(), status.Message);
        _last = status.Condition;
        watch.Report(hallId, kioskId, status.Condition, viaAgent: false);
    }
}
