using Queue.Contracts;
using System.Security.Cryptography;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Queue.Hall;
using Queue.Printing;

namespace Queue.Silo.Printing;

/// <summary>
/// Every print job of the silo (出票台), in memory: jobs only matter for the minute a resident stands at the kiosk.
/// A kiosk with a printer on this machine prints through <see cref="DirectPrinters"/>; any other kiosk through
/// its print agent on the hub, which gets the jobs that waited for it when it connects. A ticket gets one
/// automatic job however often the kiosk retries; a reprint is always an explicit new job.
/// </summary>
public sealed class PrintDesk(IHubClients<IHallClient> clients, DirectPrinters direct, PrinterWatch watch,
    IOptions<PrintingOptions> options, TimeProvider clock, ILogger<PrintDesk> logger)
{
    private static readonly TimeSpan KeepFinished = TimeSpan.FromHours(24);
    private readonly object _gate = new();
    private readonly Dictionary<string, PrintJob> _jobs = [];
    private readonly Dictionary<(string Hall, string TicketId), string> _automatic = [];
    /// <summary>Connected agents per kiosk, newest last; jobs go to the newest only, so two agents never print one job twice.</summary>
    private readonly Dictionary<(string Hall, string Kiosk), List<string>> _agents = [];
    private readonly Dictionary<string, (string Hall, string Kiosk)> _connections = [];

    private TimeSpan AgentWait => TimeSpan.FromSeconds(options.Value.AgentWaitSeconds);

    /// <summary>取号 at a kiosk: the ticket's one automatic job, with the QR link made absolute for this request.</summary>
    public PrintView PrintIssued(HallConfig hall, TicketView ticket, string kioskId, HttpRequest request) =>
        Submit(hall.Id, ticket.Id!, kioskId, TicketPrints.From(ticket, hall, TicketPrints.PublicBase(options.Value, request)), reprint: false).ToPrintView();

    public PrintJob Submit(string hallId, string ticketId, string kioskId, TicketPrint ticket, bool reprint)
    {
        var now = clock.GetUtcNow();
        PrintJob job;
        string? agent = null;
        lock (_gate)
        {
            if (!reprint && _automatic.TryGetValue((hallId, ticketId), out var existing)) return _jobs[existing];
            job = new PrintJob(NewJobId(), hallId, ticketId, ticket.Number, kioskId, reprint, ticket,
                PrintStatus.Queued, "等待打印机", "Waiting for the printer", now);
            try { ticket.Validate(); }
            catch (ArgumentException e) { job = job.To(PrintStatus.Failed, "号票内容无法打印", e.Message, now); }
            if (!job.IsFinished && !direct.Has(hallId, kioskId) && NewestAgent(hallId, kioskId) is { } connection)
                (job, agent) = (Sending(job, now), connection);
            _jobs[job.JobId] = job;
            if (!reprint) _automatic[(hallId, ticketId)] = job.JobId;
        }
        if (!job.IsFinished && direct.TryPrint(hallId, kioskId, ticket, outcome => Finish(job.JobId, outcome))) return job;
        if (agent is not null) _ = SendAsync(job, agent);
        return job;
    }

    /// <summary>The job as it stands now; a job whose wait has run out is settled first, so polling kiosks never see a stale "queued".</summary>
    public PrintJob? Find(string hallId, string jobId)
    {
        PrintJob? expired;
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out var job) || job.HallId != hallId) return null;
            if ((expired = Expired(job, clock.GetUtcNow())) is null) return job;
            _jobs[jobId] = expired;
        }
        Logged(expired);
        return expired;
    }

    /// <summary>An agent's report on a job it was sent. Null when there is no such job.</summary>
    public PrintJob? Report(string hallId, string jobId, bool printed, PrinterCondition condition, string? detail)
    {
        var status = PrinterConditions.Sample(condition);
        PrintJob? job;
        lock (_gate)
        {
            if (!_jobs.TryGetValue(jobId, out job) || job.HallId != hallId) return null;
            // Our own wording from the condition; the agent's free text only explains a failure the condition does not.
            job = printed
                ? job.To(PrintStatus.Printed, "已打印，请取走号票", "Printed", clock.GetUtcNow())
                : PrinterConditions.IsReady(condition)
                    ? job.To(PrintStatus.Failed, "打印失败", detail is { Length: > 0 } ? $"Printing failed: {detail}" : "Printing failed", clock.GetUtcNow())
                    : job.To(PrintStatus.Failed, status.MessageZh, status.MessageEn, clock.GetUtcNow());
            _jobs[jobId] = job;
        }
        Logged(job);
        watch.Report(hallId, job.KioskId, condition, viaAgent: true);
        return job;
    }

    public void AgentJoined(string hallId, string kioskId, string connectionId)
    {
        var now = clock.GetUtcNow();
        List<PrintJob> waiting;
        lock (_gate)
        {
            _connections[connectionId] = (hallId, kioskId);
            if (!_agents.TryGetValue((hallId, kioskId), out var list)) _agents[(hallId, kioskId)] = list = [];
            list.Add(connectionId);
            // A job whose wait ran out is failed, not sent late: its kiosk already told the resident to note the number.
            waiting = [.. _jobs.Values.Where(j => j.Status == PrintStatus.Queued && j.HallId == hallId && j.KioskId == kioskId
                                                  && !direct.Has(hallId, kioskId) && Expired(j, now) is null)
                .OrderBy(j => j.At)];
            for (var i = 0; i < waiting.Count; i++) _jobs[waiting[i].JobId] = waiting[i] = Sending(waiting[i], now);
        }
        watch.AgentConnected(hallId, kioskId);
        PrintLog.AgentJoined(logger, hallId, kioskId, waiting.Count);
        _ = SendAllAsync(waiting, connectionId);
    }

    public void AgentLeft(string connectionId)
    {
        (string Hall, string Kiosk) kiosk;
        lock (_gate)
        {
            if (!_connections.Remove(connectionId, out kiosk)) return;
            _agents[kiosk].Remove(connectionId);
        }
        watch.AgentDisconnected(kiosk.Hall, kiosk.Kiosk);
        PrintLog.AgentLeft(logger, kiosk.Hall, kiosk.Kiosk);
    }

    /// <summary>Fails jobs that waited too long for an agent or for its answer; forgets finished jobs after a day.</summary>
    public void Expire()
    {
        var now = clock.GetUtcNow();
        List<PrintJob> expired = [];
        lock (_gate)
        {
            foreach (var job in _jobs.Values.ToList())
            {
                if (job.IsFinished && now - job.At > KeepFinished)
                {
                    _jobs.Remove(job.JobId);
                    if (!job.Reprint) _automatic.Remove((job.HallId, job.TicketId));
                }
                else if (Expired(job, now) is { } failed)
                    expired.Add(_jobs[job.JobId] = failed);
            }
        }
        foreach (var job in expired) Logged(job);
    }

    /// <summary>A job for an agent that did not connect, or did not answer, within Printing:AgentWaitSeconds; else null.</summary>
    private PrintJob? Expired(PrintJob job, DateTimeOffset now) =>
        job.Status is not (PrintStatus.Queued or PrintStatus.Sent) || direct.Has(job.HallId, job.KioskId) || now - job.At <= AgentWait ? null
        : job.Status == PrintStatus.Queued ? job.To(PrintStatus.NoPrinter, "打印机未连接", "Printer agent not connected", now)
        : job.To(PrintStatus.Failed, "未收到打印结果，请确认是否出票", "No result from the printer agent", now);

    private void Finish(string jobId, PrintOutcome outcome)
    {
        PrintJob job;
        lock (_gate)
        {
            job = _jobs[jobId];
            job = outcome switch
            {
                PrintOutcome.Printed p => job.To(PrintStatus.Printed, p.StatusAfter.PaperNearEnd ? "已打印，请取走号票（纸将用完）" : "已打印，请取走号票",
                    p.StatusAfter.PaperNearEnd ? "Printed; paper is nearly out" : "Printed", clock.GetUtcNow()),
                PrintOutcome.NotReady n => job.To(PrintStatus.Failed, n.Status.MessageZh, n.Status.MessageEn, clock.GetUtcNow()),
                PrintOutcome.Failed f => job.To(PrintStatus.Failed,
                    f.Status switch { { Answered: true } s => $"打印失败：{s.MessageZh}", { } => "打印失败：打印机无法连接", null => "打印失败" },
                    $"Printing failed: {f.Reason}", clock.GetUtcNow()),
                _ => job,
            };
            _jobs[jobId] = job;
        }
        Logged(job);
    }

    private PrintJob Sending(PrintJob job, DateTimeOffset now) => job.To(PrintStatus.Sent, "正在打印", "Printing", now);

    private string? NewestAgent(string hallId, string kioskId) =>
        _agents.TryGetValue((hallId, kioskId), out var list) && list.Count > 0 ? list[^1] : null;

    private async Task SendAllAsync(List<PrintJob> jobs, string connectionId)
    {
        foreach (var job in jobs) await SendAsync(job, connectionId);
    }

    private async Task SendAsync(PrintJob job, string connectionId)
    {
        try { await clients.Client(connectionId).PrintTicket(job.ToHubMessage()); }
        catch (Exception e)
        {
            // Not delivered: back in the queue for the kiosk's next agent connection (or the wait runs out).
            lock (_gate)
                if (_jobs.TryGetValue(job.JobId, out var now) && now.Status == PrintStatus.Sent)
                    _jobs[job.JobId] = now with { Status = PrintStatus.Queued, Message = "等待打印机", MessageEn = "Waiting for the printer" };
            PrintLog.SendFailed(logger, e, job.HallId, job.KioskId);
        }
    }

    private void Logged(PrintJob job)
    {
        if (job.Status == PrintStatus.Printed) PrintLog.Printed(logger, job.HallId, job.KioskId, job.TicketNumber, job.JobId);
        else if (job.IsFinished) PrintLog.NotPrinted(logger, job.HallId, job.KioskId, job.TicketNumber, job.JobId, $"{job.Message} / {job.MessageEn}");
    }

    private static string NewJobId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
