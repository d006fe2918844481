using Microsoft.AspNetCore.SignalR.Client;

namespace Queue.Displays.Hub;

/// <summary>
/// Reconnect delays that double from <see cref="Initial"/> up to <see cref="Max"/> and never give up:
/// WithAutomaticReconnect()'s default stops after 0/2/10/30 s, and a screen must come back whenever the silo does.
/// </summary>
public sealed record HubBackoff(TimeSpan Initial, TimeSpan Max) : IRetryPolicy
{
    public static HubBackoff Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10));

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1, ±20 % so a hall's screens do not all come at once.</summary>
    public TimeSpan Delay(long attempt)
    {
        double ms = Math.Min(Max.TotalMilliseconds, Initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    public TimeSpan? NextRetryDelay(RetryContext retryContext) => Delay(retryContext.PreviousRetryCount);
}
