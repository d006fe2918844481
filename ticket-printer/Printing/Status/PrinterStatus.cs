namespace Queue.Printing;

/// <summary>The one thing to tell staff about a printer, most serious first.</summary>
public enum PrinterCondition
{
    /// <summary>No (valid) answer to DLE EOT: off, unplugged, wrong baud rate or wrong address.</summary>
    Offline,
    CoverOpen,
    PaperOut,
    /// <summary>Cutter jam, head overheated or another error the printer reports.</summary>
    Error,
    /// <summary>The printer answers but says it is off-line for no reported cause (e.g. feed button held).</summary>
    Paused,
    /// <summary>Ready, but the roll is nearly used up.</summary>
    PaperNearEnd,
    Online,
}

/// <summary>
/// Printer status (打印机状态) from DLE EOT replies (HARDWARE.md §1.6). A reply byte is valid when bit 1 and bit 4
/// are set and bits 0 and 7 clear. n=1: 08 off-line. n=2: 04 cover open, 20 stopped by paper end, 40 error.
/// n=3: 08 autocutter error, 20 unrecoverable, 40 auto-recoverable. n=4: 0C paper near end, 60 paper end.
/// </summary>
public sealed record PrinterStatus(
    bool Answered,
    bool OfflineBit = false,
    bool CoverOpen = false,
    bool PaperOut = false,
    bool PaperNearEnd = false,
    bool Error = false,
    bool CutterError = false,
    string? Detail = null)
{
    /// <summary>Nothing came back (or the link failed; then <see cref="Detail"/> says why).</summary>
    public static PrinterStatus NoAnswer(string? detail = null) => new(false, Detail: detail);

    /// <summary>Ready to print: answered, on-line, cover shut, paper in, no error. Near-end paper is still ready.</summary>
    public bool IsReady => Answered && !OfflineBit && !CoverOpen && !PaperOut && !Error;

    public PrinterCondition Condition =>
        !Answered ? PrinterCondition.Offline
        : CoverOpen ? PrinterCondition.CoverOpen
        : PaperOut ? PrinterCondition.PaperOut
        : Error ? PrinterCondition.Error
        : OfflineBit ? PrinterCondition.Paused
        : PaperNearEnd ? PrinterCondition.PaperNearEnd
        : PrinterCondition.Online;

    public string MessageZh => Condition switch
    {
        PrinterCondition.Offline => "打印机无应答（未开机、未连接或波特率不对）",
        PrinterCondition.CoverOpen => "打印机盖未关好",
        PrinterCondition.PaperOut => "打印机缺纸",
        PrinterCondition.Error => CutterError ? "打印机切刀故障" : "打印机故障",
        PrinterCondition.Paused => "打印机脱机",
        PrinterCondition.PaperNearEnd => "打印机就绪，纸将用完",
        _ => "打印机就绪",
    };

    public string MessageEn => Condition switch
    {
        PrinterCondition.Offline => "Printer does not answer (off, unplugged or wrong baud rate)",
        PrinterCondition.CoverOpen => "Printer cover is open",
        PrinterCondition.PaperOut => "Printer is out of paper",
        PrinterCondition.Error => CutterError ? "Printer cutter error" : "Printer reports an error",
        PrinterCondition.Paused => "Printer is off-line",
        PrinterCondition.PaperNearEnd => "Printer is ready; paper is nearly out",
        _ => "Printer is ready",
    };

    /// <summary>"打印机缺纸 / Printer is out of paper", plus the detail when there is one.</summary>
    public string Message => $"{MessageZh} / {MessageEn}" + (Detail is null ? "" : $" ({Detail})");

    public override string ToString() => Message;

    /// <summary>The validity rule of python-escpos: (b &amp; 0x81) == 0 and (b &amp; 0x12) == 0x12.</summary>
    public static bool IsValidReply(byte reply) => (reply & 0x93) == 0x12;

    /// <summary>Combines the replies to DLE EOT 1, 2, 3 and 4; null for a query that got no valid answer.</summary>
    public static PrinterStatus FromReplies(byte printer, byte? offlineCause, byte? errorCause, byte? paperSensor)
    {
        if (!IsValidReply(printer)) throw new ArgumentException($"0x{printer:X2} is not a valid DLE EOT reply.", nameof(printer));
        bool Has(byte? reply, int bits) => reply is { } b && IsValidReply(b) && (b & bits) == bits;
        return new PrinterStatus(
            Answered: true,
            OfflineBit: Has(printer, 0x08),
            CoverOpen: Has(offlineCause, 0x04),
            // Epson sets both bits of a pair (0x60, 0x0C); some clones set only one, so either counts.
            PaperOut: Has(offlineCause, 0x20) || Has(paperSensor, 0x20) || Has(paperSensor, 0x40),
            PaperNearEnd: Has(paperSensor, 0x04) || Has(paperSensor, 0x08),
            Error: Has(offlineCause, 0x40) || Has(errorCause, 0x08) || Has(errorCause, 0x20) || Has(errorCause, 0x40),
            CutterError: Has(errorCause, 0x08));
    }

    /// <summary>
    /// From the IEEE-1284 status byte of a USB printer (LPGETSTATUS), for printers that cannot answer DLE EOT:
    /// 0x20 paper out, 0x10 selected (on-line), 0x08 clear = error.
    /// </summary>
    public static PrinterStatus FromIeee1284(byte status) => new(
        Answered: true,
        OfflineBit: (status & 0x10) == 0,
        PaperOut: (status & 0x20) != 0,
        Error: (status & 0x08) == 0 && (status & 0x20) == 0 && (status & 0x10) != 0, // usblp's "on fire"
        Detail: $"IEEE-1284 status 0x{status:X2}");
}
