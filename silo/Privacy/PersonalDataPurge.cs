using Microsoft.Extensions.Options;
using Queue.Silo.Storage;

namespace Queue.Silo.Privacy;

/// <summary>
/// At start and then every hour (on the halls' clock): removes from the store the name and phone of appointments whose
/// slot ended more than Privacy:RetentionDays ago. A hall's own state has dropped such appointments already (at the day
/// change after their slot), so no snapshot brings them back. In a cluster every silo runs it; a purge twice is a no-op.
/// </summary>
public sealed partial class PersonalDataPurge(IEventStore store, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<PersonalDataPurge> logger)
    : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do await PurgeOnce(stop);
        while (await timer.WaitForNextTickAsync(stop));
    }

    private async Task PurgeOnce(CancellationToken stop)
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        try
        {
            var purged = await store.PurgePersonalDataAsync(before, stop);
            if (purged.Events + purged.Snapshots > 0) Purged(logger, purged.Events, purged.Snapshots, before);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A full disk or a gone server: the store says so on /healthz; the next hour tries again.
            PurgeFailed(logger, e);
        }
    }

    [LoggerMessage(5001, LogLevel.Information, "Personal data purged from {Events} appointments and {Snapshots} hall snapshots (slots ended before {Before:O})")]
    private static partial void Purged(ILogger logger, int events, int snapshots, DateTimeOffset before);

    [LoggerMessage(5002, LogLevel.Warning, "Purging personal data failed; trying again in an hour")]
    private static partial void PurgeFailed(ILogger logger, Exception error);
}
