using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Queue.Silo.Reports;

/// <summary>Reports:Chromium: the browser that prints PDFs (Debian's chromium by default); Reports:PdfTimeout: how long one may take.</summary>
public sealed class ReportOptions
{
    public string Chromium { get; set; } = "chromium";
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Prints a self-contained report page to PDF with headless Chromium (it stands in for QuestPDF, which the NuGet feed
/// here lacks): the page is written to a folder of its own, printed from file://, and the folder removed. Chromium embeds
/// the fonts it drew with, so fonts-noto-cjk on the server is what makes the Chinese text readable anywhere.
/// </summary>
public sealed class PdfPrinter(IOptions<ReportOptions> options, ILogger<PdfPrinter> log)
{
    // A Chromium takes one core for a second or two: two at a time keep a silo on a small hall server answering.
    private readonly SemaphoreSlim _printing = new(2);

    /// <summary>The PDF, or null when Chromium is missing, fails or takes longer than Reports:PdfTimeout (logged).</summary>
    public async Task<byte[]?> PrintAsync(string html, CancellationToken ct)
    {
        await _printing.WaitAsync(ct);
        var folder = Directory.CreateTempSubdirectory("queue-report-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            var pdf = Path.Combine(folder.FullName, "report.pdf");
            await File.WriteAllTextAsync(page, html, ct);
            var start = new ProcessStartInfo(options.Value.Chromium)
            {
                ArgumentList =
                {
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--mute-audio",
                    // A profile of its own: the service user has no home (ProtectHome), and two prints must not share one.
                    $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                    $"--print-to-pdf={pdf}", "--no-pdf-header-footer", new Uri(page).AbsoluteUri,
                },
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                Environment = { ["HOME"] = folder.FullName },
            };
            using var chromium = Process.Start(start)!;
            var output = chromium.StandardError.ReadToEndAsync(ct);
            _ = chromium.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.PdfTimeout);
            try { await chromium.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException)
            {
                chromium.Kill(entireProcessTree: true);
                if (ct.IsCancellationRequested) throw;
                ReportLog.PdfTimedOut(log, options.Value.PdfTimeout);
                return null;
            }
            if (chromium.ExitCode != 0 || !File.Exists(pdf))
            {
                ReportLog.PdfFailed(log, chromium.ExitCode, Tail(await output));
                return null;
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            ReportLog.NoChromium(log, options.Value.Chromium, e.Message);
            return null;
        }
        finally
        {
            _printing.Release();
            try { folder.Delete(recursive: true); }
            catch (IOException) { }   // a Chromium child still closing its profile: the temp folder is swept with /tmp
        }
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
