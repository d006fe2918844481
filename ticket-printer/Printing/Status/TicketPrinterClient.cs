using Queue.Devices;

namespace Queue.Printing;

/// <summary>
/// Prints tickets on one printer link (出票): asks DLE EOT status first, sends the job only when the
/// printer says it is ready, then asks again. A job is <see cref="PrintOutcome.Printed"/> only then.
/// Not for concurrent use: one client per link, one job at a time.
/// </summary>
public sealed class TicketPrinterClient(IDeviceLink link, PrinterProfile profile)
{
    /// <summary>How long to wait for each one-byte status reply (HARDWARE.md §1.6 suggests 200–500 ms).</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public PrinterProfile Profile => profile;

    /// <summary>
    /// DLE EOT 1 (printer), then 2 (offline cause), 4 (paper sensor) and 3 (error cause, only when an error is
    /// flagged), waiting for each reply before the next query. No valid reply to n=1, asked twice, means
    /// <see cref="PrinterCondition.Offline"/>; a USB printer that cannot answer is asked through LPGETSTATUS instead.
    /// Never throws for a dead link.
    /// </summary>
    public async Task<PrinterStatus> QueryStatusAsync(CancellationToken ct)
    {
        try
        {
            await link.DiscardInputAsync(ct).ConfigureAwait(false); // stale replies, e.g. a 10 04 n pattern inside old image data
            // Asked once more before the printer is called off-line and a resident's ticket is not printed: one reply can
            // be lost on the line, or to an adapter still settling after the port was opened for this job.
            if ((await AskAsync(1, ct).ConfigureAwait(false) ?? await AskAsync(1, ct).ConfigureAwait(false)) is not { } printer)
            {
                return link is UsbPrinterLink usb && usb.TryGetPortStatus() is { } portStatus
                    ? PrinterStatus.FromIeee1284(portStatus)
                    : PrinterStatus.NoAnswer();
            }
            byte? cause = await AskAsync(2, ct).ConfigureAwait(false);
            byte? paper = await AskAsync(4, ct).ConfigureAwait(false);
            byte? error = cause is { } c && (c & 0x40) != 0 ? await AskAsync(3, ct).ConfigureAwait(false) : null;
            return PrinterStatus.FromReplies(printer, cause, error, paper);
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
        {
            return PrinterStatus.NoAnswer(e.Message);
        }
    }

    public Task<PrintOutcome> PrintAsync(TicketPrint ticket, CancellationToken ct) =>
        PrintJobAsync(TicketRenderer.Render(ticket, profile), ct);

    /// <summary>Status → job only when ready → status again. Rendering errors are thrown before anything is sent.</summary>
    public async Task<PrintOutcome> PrintJobAsync(ReadOnlyMemory<byte> job, CancellationToken ct)
    {
        var before = await QueryStatusAsync(ct).ConfigureAwait(false);
        if (!before.IsReady) return new PrintOutcome.NotReady(before);
        try
        {
            await link.WriteAsync(job, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or TimeoutException or ObjectDisposedException)
        {
            return new PrintOutcome.Failed(e.Message, null);
        }
        // Real-time queries are answered on receipt, so this catches a printer that went off-line or
        // ran out of paper while taking the job; paper running out on the very last lines shows on the next check.
        var after = await QueryStatusAsync(ct).ConfigureAwait(false);
        return after.IsReady
            ? new PrintOutcome.Printed(after)
            : new PrintOutcome.Failed($"打印后{after.MessageZh} / After printing: {after.MessageEn}", after);
    }

    /// <summary>Sends DLE EOT n and returns the first valid reply byte, or null when none came in time.</summary>
    private async Task<byte?> AskAsync(int n, CancellationToken ct)
    {
        await link.WriteAsync(EscPos.StatusQuery(n), ct).ConfigureAwait(false);
        var reply = new byte[1];
        var deadline = DateTime.UtcNow + ReplyTimeout;
        while (deadline - DateTime.UtcNow is { Ticks: > 0 } left)
        {
            if (await link.ReadAsync(reply, left, ct).ConfigureAwait(false) == 0) return null;
            if (PrinterStatus.IsValidReply(reply[0])) return reply[0];
            // Anything else is noise (line garbage, automatic status blocks); keep listening until the deadline.
        }
        return null;
    }
}
