using Queue.Printing;
using Queue.Devices;

namespace Queue.PrinterTool;

/// <summary>What each command does. Messages are Chinese then English; errors go to stderr.</summary>
public static class PrinterActions
{
    public static async Task<int> StatusAsync(DeviceAddress address, TimeSpan connectTimeout, TimeSpan replyTimeout, CancellationToken ct)
    {
        var (link, failure) = await OpenAsync(address, connectTimeout, ct);
        if (link is null) return failure;
        await using (link)
        {
            var status = await new TicketPrinterClient(link, PrinterProfile.Paper80) { ReplyTimeout = replyTimeout }.QueryStatusAsync(ct);
            Console.WriteLine($"{address}: {status.Message}");
            return status.IsReady ? ExitCodes.Ok : ExitCodes.PrinterNotReady;
        }
    }

    public static async Task<int> TestPrintAsync(DeviceAddress address, PrinterProfile profile, string url, TimeSpan connectTimeout, TimeSpan replyTimeout, CancellationToken ct)
    {
        TicketPrint ticket;
        try { ticket = SampleTicket.Create(DateTimeOffset.Now, url).Validate(); }
        catch (ArgumentException e) { return Fail(ExitCodes.BadArguments, e.Message); }

        var (link, failure) = await OpenAsync(address, connectTimeout, ct);
        if (link is null) return failure;
        await using (link)
        {
            var outcome = await new TicketPrinterClient(link, profile) { ReplyTimeout = replyTimeout }.PrintAsync(ticket, ct);
            Console.WriteLine($"{address}: {outcome.Message}");
            if (outcome is PrintOutcome.Printed printed) Console.WriteLine(printed.StatusAfter.Message);
            return outcome.IsPrinted ? ExitCodes.Ok : ExitCodes.PrinterNotReady;
        }
    }

    public static async Task<int> PreviewAsync(string outPath, PrinterProfile profile, string url, CancellationToken ct)
    {
        try
        {
            var bytes = TicketRenderer.Render(SampleTicket.Create(DateTimeOffset.Now, url), profile);
            var paper = EscPosDecoder.Decode(bytes);
            var html = TicketPreview.Html(paper, profile);
            if (Path.GetExtension(outPath).Equals(".png", StringComparison.OrdinalIgnoreCase))
                await ChromiumScreenshot.SavePngAsync(html, outPath, TicketPreview.PageSize(paper, profile), TimeSpan.FromSeconds(60), ct);
            else
                await File.WriteAllTextAsync(outPath, html, ct);
            Console.WriteLine($"已生成预览 / Preview written: {Path.GetFullPath(outPath)} ({bytes.Length} bytes of ESC/POS)");
            return ExitCodes.Ok;
        }
        catch (ArgumentException e) { return Fail(ExitCodes.BadArguments, e.Message); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException)
        {
            return Fail(ExitCodes.Failure, e.Message);
        }
    }

    /// <summary>A printer that cannot be reached counts as "not ready" (exit 3); missing permissions are an install problem (exit 1).</summary>
    private static async Task<(IDeviceLink? Link, int ExitCode)> OpenAsync(DeviceAddress address, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            return (await DeviceLinks.OpenAsync(address, timeout, ct), ExitCodes.Ok);
        }
        catch (UnauthorizedAccessException e)
        {
            return (null, Fail(ExitCodes.Failure, $"无权访问打印机 / No permission for the printer: {e.Message}"));
        }
        catch (Exception e) when (e is IOException or TimeoutException)
        {
            var status = PrinterStatus.NoAnswer(e.Message);
            Console.WriteLine($"{address}: {status.Message}");
            return (null, ExitCodes.PrinterNotReady);
        }
    }

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine(message);
        return exitCode;
    }
}
