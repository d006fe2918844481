using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Printing;
using Queue.Devices;

namespace Queue.PrinterTool;

/// <summary>
/// The kiosk computer's print agent (打印代理): joins the hall hub as role=printer for one kiosk, prints each
/// PrintTicket job on the printer here, reports the outcome, and reports the printer's health every 10 s, all with the
/// kiosk's print-agent token. One job or status check at a time; the printer link is opened for each, like the
/// installer commands. A silo that turns it away is logged once, with the silo's reason, and tried again ever so often.
/// </summary>
public sealed class PrintAgent : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private const int RememberedJobs = 200;
    private readonly AgentSettings _settings;
    private readonly Action<string> _log;
    private readonly HubConnection _hub;
    private readonly SiloReports _silo;
    private readonly Channel<PrintTicketView> _jobs = Channel.CreateUnbounded<PrintTicketView>();
    private readonly Queue<string> _done = new();
    private PrinterCondition? _condition;
    /// <summary>The last close logged, so a standing refusal is not logged at every new try.</summary>
    private string? _closedWith;
    private CancellationToken _stopping;

    public PrintAgent(AgentSettings settings, Action<string> log)
    {
        _settings = settings;
        _log = log;
        _silo = new SiloReports(settings, log);
        _hub = HallConnection.Build(settings.HubUrl, HubBackoff.Default, settings.Token);
        _hub.On<PrintTicketView>(nameof(IHallClient.PrintTicket), job => { _closedWith = null; _jobs.Writer.TryWrite(job); });
        _hub.Reconnecting += e => Log($"与服务器的连接中断，正在重连 / Connection to the silo lost ({e?.Message}); reconnecting");
        _hub.Reconnected += _ => { _closedWith = null; return Log("已重新连接服务器 / Reconnected to the silo"); };
        _hub.Closed += e => Log(Closed(e));
    }

    /// <summary>What to log when the silo ends the connection: its reason (a token of another kiosk, a revoked one), once.</summary>
    private string? Closed(Exception? e)
    {
        if (_stopping.IsCancellationRequested) return null;
        var line = e is null
            ? "服务器断开了本打印代理（设备令牌可能已被撤销），稍后重连 / The silo cut this print agent off (its token may have been revoked); starting again"
            : $"服务器关闭了连接，稍后重连 / The silo closed the connection: {e.Message}; starting again";
        if (line == _closedWith) return null;
        _closedWith = line;
        return line;
    }

    /// <summary>The agent command: logs to the console with the time, stops cleanly on Ctrl+C or SIGTERM (systemd stop).</summary>
    public static async Task<int> RunUntilStoppedAsync(AgentSettings settings, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Stop(PosixSignalContext signal) { signal.Cancel = true; stop.Cancel(); }
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await using var agent = new PrintAgent(settings, line => Console.WriteLine($"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss} {line}"));
        await agent.RunAsync(stop.Token);
        return ExitCodes.Ok;
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled; never gives up on the silo or the printer.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        _stopping = ct;
        _log($"打印代理启动 / Print agent started: hall {_settings.HallId}, kiosk {_settings.KioskId}, printer {_settings.Printer}, " +
             $"{_settings.Profile.PaperMillimetres} mm, silo {_settings.Silo}");
        try { await Task.WhenAll(KeepConnectedAsync(ct), WorkAsync(ct)); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        _log("打印代理已停止 / Print agent stopped");
    }

    private async Task KeepConnectedAsync(CancellationToken ct)
    {
        await _hub.KeepStartedAsync(HubBackoff.Default, ct, (e, attempt) =>
        {
            if (attempt == 0) _log($"无法连接服务器，稍后重试 / Cannot connect to {_settings.Silo} ({e.Message}); retrying");
        });
        _log("已连接服务器，等待打印任务 / Connected to the silo; waiting for print jobs");
    }

    private Task Log(string? line)
    {
        if (line is not null) _log(line);
        return Task.CompletedTask;
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        await CheckAsync(ct); // the silo learns the printer's health before the first resident comes
        while (!ct.IsCancellationRequested)
        {
            if (await JobWaitingAsync(ct))
                while (_jobs.Reader.TryRead(out var job)) await PrintAsync(job, ct);
            else
                await CheckAsync(ct);
        }
    }

    private async Task<bool> JobWaitingAsync(CancellationToken ct)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(_settings.StatusEvery);
        try { return await _jobs.Reader.WaitToReadAsync(wait.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return false; }
    }

    private async Task PrintAsync(PrintTicketView job, CancellationToken ct)
    {
        // The silo sends a job once, but a paper ticket is never printed twice for one job, whatever happens.
        if (_done.Contains(job.JobId)) return;
        _done.Enqueue(job.JobId);
        if (_done.Count > RememberedJobs) _done.Dequeue();

        PrintOutcome outcome;
        try
        {
            await using var link = await DeviceLinks.OpenAsync(_settings.Printer, ConnectTimeout, ct);
            outcome = await new TicketPrinterClient(link, _settings.Profile).PrintAsync(job.Ticket, ct);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            outcome = new PrintOutcome.Failed(e.Message, PrinterStatus.NoAnswer(e.Message));
        }
        catch (ArgumentException e) // the ticket cannot be rendered: nothing was sent, the printer is not at fault
        {
            outcome = new PrintOutcome.Failed(e.Message, null);
        }
        var status = outcome switch { PrintOutcome.Printed p => p.StatusAfter, PrintOutcome.NotReady n => n.Status, PrintOutcome.Failed f => f.Status, _ => null };
        if (status is not null) Noted(status);
        _log(outcome.IsPrinted
            ? $"已打印 {job.Ticket.Number} / Printed {job.Ticket.Number} (job {job.JobId})"
            : $"未能打印 {job.Ticket.Number} / Not printed {job.Ticket.Number} (job {job.JobId}): {outcome.Message}");
        await _silo.ResultAsync(job.JobId, outcome.IsPrinted, status?.Condition ?? _condition ?? PrinterCondition.Online, outcome.Message, ct);
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        PrinterStatus status;
        try
        {
            await using var link = await DeviceLinks.OpenAsync(_settings.Printer, ConnectTimeout, ct);
            status = await new TicketPrinterClient(link, _settings.Profile).QueryStatusAsync(ct);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            status = PrinterStatus.NoAnswer(e.Message);
        }
        Noted(status);
        await _silo.StatusAsync(status, ct);
    }

    /// <summary>Logs the printer's health when it changes, not every 10 s.</summary>
    private void Noted(PrinterStatus status)
    {
        if (status.Condition != _condition) _log($"打印机状态 / Printer status: {status.Message}");
        _condition = status.Condition;
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _silo.Dispose();
    }
}
