using Microsoft.Extensions.DependencyInjection;
using Queue.Hall.Events;
using Queue.Silo.Storage;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Ratings;

/// <summary>
/// Puts ServiceRated events in a hall's log, as the hall grain appends them once a resident rates a step, for the 差评
/// cases and the export to find there (they read the log, not the hall).
/// </summary>
public static class RatingsInLog
{
    /// <summary>Appends a rating of step 1 of ticket <paramref name="number"/> at window 3 by c03; returns the ticket's secret id.</summary>
    public static async Task<string> Rate(this SiloApplication silo, string number, int grade, string? comment = null)
    {
        _ = silo.BaseAddress;   // the server (and its store) started
        var store = silo.Services.GetRequiredService<IEventStore>();
        var last = await store.ReadAfterAsync(HallApi.Hall, 0, int.MaxValue, null, CancellationToken.None);
        var ticketId = $"secret{Guid.NewGuid():N}";
        var now = silo.Clock.GetUtcNow();
        var tags = grade <= 2 ? new[] { "态度生硬" } : [];
        await store.AppendAsync(HallApi.Hall, (last.Count > 0 ? last[^1].Seq : 0) + 1,
            [new ServiceRated(ticketId, number, 1, "general", ["qykb"], null, 3, "c03", grade, tags, comment, "evaluator", now.AddMinutes(-1), now)],
            CancellationToken.None);
        return ticketId;
    }
}
