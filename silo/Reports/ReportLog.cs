namespace Queue.Silo.Reports;

/// <summary>Log lines of the reports, with stable event ids.</summary>
public static partial class ReportLog
{
    [LoggerMessage(8001, LogLevel.Error, "报表 PDF 无法生成：找不到 Chromium（{Chromium}：{Error}）；请安装 chromium 和 fonts-noto-cjk / No PDF: Chromium '{Chromium}' could not be started ({Error}); install chromium and fonts-noto-cjk")]
    public static partial void NoChromium(ILogger logger, string chromium, string error);

    [LoggerMessage(8002, LogLevel.Error, "No PDF: Chromium exited with {ExitCode}: {Output}")]
    public static partial void PdfFailed(ILogger logger, int exitCode, string output);

    [LoggerMessage(8003, LogLevel.Error, "No PDF: Chromium took longer than {Timeout} (Reports:PdfTimeout) and was stopped")]
    public static partial void PdfTimedOut(ILogger logger, TimeSpan timeout);
}
