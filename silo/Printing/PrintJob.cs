using Queue.Contracts;
using Queue.Printing;

namespace Queue.Silo.Printing;

/// <summary>Where a print job is: waiting for a printer, handed to an agent, or finished one way or the other.</summary>
public enum PrintStatus { Queued, Sent, Printed, Failed, NoPrinter }

/// <summary>
/// One request to put a ticket on paper (打印任务). The ticket's secret id stays inside the silo; the views below
/// carry only the number. <see cref="At"/> is when the status last changed.
/// </summary>
public sealed record PrintJob(string JobId, string HallId, string TicketId, string TicketNumber, string KioskId, bool Reprint,
    TicketPrint Ticket, PrintStatus Status, string Message, string MessageEn, DateTimeOffset At)
{
    public bool IsFinished => Status is PrintStatus.Printed or PrintStatus.Failed or PrintStatus.NoPrinter;

    public PrintJob To(PrintStatus status, string zh, string en, DateTimeOffset at) =>
        this with { Status = status, Message = zh, MessageEn = en, At = at };

    public static string StatusName(PrintStatus s) => s switch
    {
        PrintStatus.Queued => "queued",
        PrintStatus.Sent => "sent",
        PrintStatus.Printed => "printed",
        PrintStatus.Failed => "failed",
        _ => "no-printer",
    };
}

/// <summary>The wire shapes of a job (Queue.Contracts); the ticket's secret id is in none of them.</summary>
public static class PrintJobViews
{
    public static PrintView ToPrintView(this PrintJob j) => new(j.JobId, PrintJob.StatusName(j.Status), j.Message);
    public static PrintJobView ToView(this PrintJob j) => new(j.JobId, j.TicketNumber, j.KioskId, PrintJob.StatusName(j.Status), j.Message, j.MessageEn, j.At);
    public static PrintTicketView ToHubMessage(this PrintJob j) => new(j.JobId, j.KioskId, j.Ticket);
}

/// <summary>Printer conditions as the API spells them (camelCase of <see cref="PrinterCondition"/>) and what they mean.</summary>
public static class PrinterConditions
{
    public static string Name(PrinterCondition c) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.ToString());

    public static bool TryParse(string? text, out PrinterCondition condition)
    {
        condition = PrinterCondition.Offline;
        // Names only: "3" would parse as an enum value.
        return text is { Length: > 0 } && char.IsLetter(text[0]) && Enum.TryParse(text, ignoreCase: true, out condition) && Enum.IsDefined(condition);
    }

    public static bool IsReady(PrinterCondition c) => c is PrinterCondition.Online or PrinterCondition.PaperNearEnd;

    /// <summary>A status with exactly this condition, so the library's own wording is used everywhere.</summary>
    public static PrinterStatus Sample(PrinterCondition c) => c switch
    {
        PrinterCondition.Offline => PrinterStatus.NoAnswer(),
        PrinterCondition.CoverOpen => new(true, CoverOpen: true),
        PrinterCondition.PaperOut => new(true, PaperOut: true),
        PrinterCondition.Error => new(true, Error: true),
        PrinterCondition.Paused => new(true, OfflineBit: true),
        PrinterCondition.PaperNearEnd => new(true, PaperNearEnd: true),
        _ => new(true),
    };
}
