using Queue.Contracts;
namespace Queue.Silo.Printing;

/// <summary>Log lines of ticket printing, with stable event ids.</summary>
public static partial class PrintLog
{
    [LoggerMessage(4001, LogLevel.Information, "Printed {Number} for kiosk {Kiosk} of {Hall} (job {JobId})")]
    public static partial void Printed(ILogger logger, string hall, string kiosk, string number, string jobId);

    [LoggerMessage(4002, LogLevel.Warning, "Could not print {Number} for kiosk {Kiosk} of {Hall} (job {JobId}): {Reason}")]
    public static partial void NotPrinted(ILogger logger, string hall, string kiosk, string number, string jobId, string reason);

    [LoggerMessage(4003, LogLevel.Information, "Print agent for kiosk {Kiosk} of {Hall} connected ({Queued} queued jobs sent)")]
    public static partial void AgentJoined(ILogger logger, string hall, string kiosk, int queued);

    [LoggerMessage(4004, LogLevel.Information, "Print agent for kiosk {Kiosk} of {Hall} disconnected")]
    public static partial void AgentLeft(ILogger logger, string hall, string kiosk);

    [LoggerMessage(4005, LogLevel.Warning, "A print job could not be sent to the agent of kiosk {Kiosk} of {Hall}; it waits for the next connection")]
    public static partial void SendFailed(ILogger logger, Exception exception, string hall, string kiosk);

    [LoggerMessage(4006, LogLevel.Information, "Direct printer {Address} of kiosk {Kiosk} of {Hall}: {Status}")]
    public static partial void DirectStatus(ILogger logger, string hall, string kiosk, string address, string status);
}
