namespace Queue.Silo.Grains;

internal static partial class HallLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Hall {Hall}: another activation wrote first ({Reason}); reloaded from the log and deciding again")]
    public static partial void StaleActivation(ILogger logger, string hall, string reason);

    [LoggerMessage(1002, LogLevel.Error, "Hall {Hall}: the event store failed; the command was refused and the hall reloaded from the log")]
    public static partial void AppendFailed(ILogger logger, string hall, Exception error);

    [LoggerMessage(1003, LogLevel.Information, "Hall {Hall} activated at seq {Seq} in {Ms} ms")]
    public static partial void Activated(ILogger logger, string hall, long seq, long ms);

    /// <summary>Which silo wrote which events of a hall: in a cluster, who held it when.</summary>
    [LoggerMessage(1004, LogLevel.Debug, "Hall {Hall} appended seq {First} to {Last}")]
    public static partial void Appended(ILogger logger, string hall, long first, long last);

    /// <summary>What a hall refused, on which seq, and whether the log had moved past it: in a cluster, who answered what.</summary>
    [LoggerMessage(1005, LogLevel.Debug, "Hall {Hall} refused {Command} at seq {Seq} with {Code}; log moved past: {Moved}")]
    public static partial void Refused(ILogger logger, string hall, string command, long seq, string code, bool? moved);

    [LoggerMessage(1006, LogLevel.Warning, "Hall {Hall}: the cluster declared this silo dead; it decides nothing more here")]
    public static partial void DeclaredDead(ILogger logger, string hall);
}
