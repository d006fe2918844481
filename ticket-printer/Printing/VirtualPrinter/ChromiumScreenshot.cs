using System.Diagnostics;

namespace Queue.Printing;

/// <summary>
/// PNG previews through headless Chromium (Debian's <c>chromium</c> package): write the HTML to a temp file and
/// run <c>chromium --headless --screenshot</c> with a throw-away profile. Set QUEUE_CHROMIUM to use another binary.
/// </summary>
public static class ChromiumScreenshot
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The Chromium executable: $QUEUE_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH; null if none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("QUEUE_CHROMIUM") is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => Names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Renders <paramref name="html"/> at the given window size into <paramref name="pngPath"/>.</summary>
    public static async Task SavePngAsync(string html, string pngPath, (int Width, int Height) window, TimeSpan timeout, CancellationToken ct)
    {
        var chromium = Find() ?? throw new FileNotFoundException(
            "Chromium was not found (install the Debian package 'chromium' or set QUEUE_CHROMIUM); save an .html preview instead.");
        var work = Directory.CreateTempSubdirectory("queue-preview-");
        try
        {
            var htmlPath = Path.Combine(work.FullName, "ticket.html");
            await File.WriteAllTextAsync(htmlPath, html, ct).ConfigureAwait(false);
            var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                $"--user-data-dir={Path.Combine(work.FullName, "profile")}",
                $"--window-size={window.Width},{window.Height}",
                $"--screenshot={Path.GetFullPath(pngPath)}",
                new Uri(htmlPath).AbsoluteUri,
            }) start.ArgumentList.Add(argument);

            using var process = Process.Start(start) ?? throw new IOException($"Could not start {chromium}.");
            var errors = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            try { await process.WaitForExitAsync(limit.Token).ConfigureAwait(false); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (ct.IsCancellationRequested) throw;
                throw new TimeoutException($"Chromium did not finish the screenshot within {timeout.TotalSeconds:0} s.");
            }
            if (process.ExitCode != 0 || !File.Exists(pngPath))
                throw new IOException($"Chromium failed (exit {process.ExitCode}): {Tail(await errors.ConfigureAwait(false))}");
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } // chromium may still hold a lock file briefly
        }
    }

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : "…" + text[^600..].Trim();
}
