using System.Diagnostics;

namespace Queue.Screens.Emulator;

/// <summary>
/// A PNG of an emulator page through headless Chromium (there is no image library in our feed).
/// Chromium is found on PATH, or at the path in QUEUE_CHROMIUM.
/// </summary>
public static class PanelSnapshot
{
    public static async Task RenderPngAsync(string html, string pngPath, int width, int height, CancellationToken ct)
    {
        string dir = Directory.CreateTempSubdirectory("queue-panel-").FullName;
        try
        {
            string page = Path.Combine(dir, "panel.html");
            await File.WriteAllTextAsync(page, html, ct);
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("QUEUE_CHROMIUM") is { Length: > 0 } c ? c : "chromium")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", $"--user-data-dir={Path.Combine(dir, "profile")}",
                $"--window-size={width},{height}", $"--screenshot={Path.GetFullPath(pngPath)}", new Uri(page).AbsoluteUri,
            }) start.ArgumentList.Add(arg);

            using var chromium = Process.Start(start) ?? throw new IOException("Could not start chromium.");
            var stderr = chromium.StandardError.ReadToEndAsync(ct);
            _ = chromium.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try { await chromium.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { chromium.Kill(entireProcessTree: true); throw; }
            if (chromium.ExitCode != 0 || !File.Exists(pngPath))
                throw new IOException($"chromium exited with {chromium.ExitCode}: {await stderr}");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
