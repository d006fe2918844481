namespace Queue.Silo.Hubs;

internal static partial class HubLog
{
    [LoggerMessage(5001, LogLevel.Information, "The hub's Redis backplane is back: {Halls} halls watched here send their whole state again")]
    public static partial void Resyncing(ILogger logger, int halls);

    [LoggerMessage(5002, LogLevel.Warning, "Resending the halls' state after the backplane came back failed")]
    public static partial void ResyncFailed(ILogger logger, Exception error);
}
