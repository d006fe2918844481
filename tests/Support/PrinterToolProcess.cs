using System.Diagnostics;

namespace Queue.Tests.Support;

/// <summary>
/// The installer CLI run as installers do, <c>dotnet queue-printer.dll …</c>, from the calling test's output
/// folder (its project references PrinterTool). It never inherits a QUEUE_DEVICE_TOKEN the test machine may have:
/// a test that gives the token that way sets it on the start info.
/// </summary>
public static class PrinterToolProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "queue-printer.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} missing: the test project must reference PrinterTool.");
        var start = new ProcessStartInfo(DotNet.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Remove("QUEUE_DEVICE_TOKEN");
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>Runs one command to its end (at most 60 s) and returns its exit code and output.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"queue-printer {string.Join(' ', args)} did not exit within 60 s.");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
