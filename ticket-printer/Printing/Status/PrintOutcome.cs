namespace Queue.Printing;

/// <summary>What happened to a print job (出票结果). Only <see cref="Printed"/> means the resident has a ticket.</summary>
public abstract record PrintOutcome
{
    private PrintOutcome() { }

    /// <summary>The printer said it was ready, took the job, and was still fine afterwards (maybe paper near end).</summary>
    public sealed record Printed(PrinterStatus StatusAfter) : PrintOutcome;

    /// <summary>Nothing was sent: the printer was not ready.</summary>
    public sealed record NotReady(PrinterStatus Status) : PrintOutcome;

    /// <summary>The job was (maybe partly) sent but did not complete, or the printer reported a fault right after.</summary>
    public sealed record Failed(string Reason, PrinterStatus? Status) : PrintOutcome;

    public bool IsPrinted => this is Printed;

    /// <summary>One line for staff and logs, Chinese then English.</summary>
    public string Message => this switch
    {
        Printed p => p.StatusAfter.PaperNearEnd ? "已打印，纸将用完 / Printed; paper is nearly out" : "已打印 / Printed",
        NotReady n => n.Status.Message,
        Failed f => $"打印失败 / Printing failed: {f.Reason}",
        _ => GetType().Name,
    };
}
