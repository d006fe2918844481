namespace Queue.Silo.Stats;

internal static partial class StatsLog
{
    [LoggerMessage(6001, LogLevel.Warning, "Hall {Hall}: the figures could not catch up on the log; the next query or doorbell tries again")]
    public static partial void CatchUpFailed(ILogger logger, string hall, Exception error);
}
