using Queue.Contracts;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Queue.Displays.Hub;

/// <summary>
/// Builds a <see cref="HubConnection"/> to the silo's /hubs/hall the way every one of our clients needs it, and
/// keeps it started. Register typed handlers on the connection itself before starting:
/// <c>connection.On&lt;HallStateView&gt;(nameof(IHallClient.HallState), …)</c>.
/// </summary>
public static class HallConnection
{
    /// <summary>The silo's JSON: camelCase names, enums as camelCase strings and never numbers (docs/api.md).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { WireJson.Enums() },
    };

    /// <summary>
    /// WebSockets without negotiation (the silo's clients all do), our JSON, and reconnects that never give up. A paired
    /// device gives its <paramref name="token"/> (see <see cref="DeviceToken"/>): it goes with every connect, reconnects included.
    /// </summary>
    public static HubConnection Build(Uri hubUrl, HubBackoff backoff, string? token = null) => new HubConnectionBuilder()
        .WithUrl(hubUrl, o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions = Json)
        .WithAutomaticReconnect(backoff)
        .Build();

    /// <summary>
    /// Starts the connection, retrying with <paramref name="backoff"/> until it is up (StartAsync itself tries once), and
    /// from then on starts it again whenever it closes (a server Close without allowReconnect: a hall the silo does not
    /// know yet, a role it refuses, a revoked device's connection cut), until <paramref name="ct"/> is cancelled: cancel it
    /// before StopAsync or DisposeAsync to stop for good. A connection the server ends soon after letting it in waits
    /// longer before each new start, up to the backoff's cap, so a standing refusal costs one try per cap, never a loop.
    /// Call once per connection; <paramref name="failed"/> hears each failed attempt and its number in the streak.
    /// </summary>
    public static async Task KeepStartedAsync(this HubConnection connection, HubBackoff backoff, CancellationToken ct,
        Action<Exception, int>? failed = null)
    {
        var streak = new Streak();
        connection.Closed += error =>
        {
            if (ct.IsCancellationRequested) return Task.CompletedTask;
            streak.TurnedAway = DateTimeOffset.UtcNow - streak.StartedAt < backoff.Max ? streak.TurnedAway + 1 : 1;
            _ = RestartAsync(connection, backoff, streak, ct, failed);
            return Task.CompletedTask;
        };
        await StartAsync(connection, backoff, streak, firstAttempt: 0, ct, failed);
    }

    /// <summary>When the connection last tried to start, and how many closes in a row came soon after a start.</summary>
    sealed class Streak
    {
        public DateTimeOffset StartedAt;
        public int TurnedAway;
    }

    static async Task RestartAsync(HubConnection connection, HubBackoff backoff, Streak streak, CancellationToken ct, Action<Exception, int>? failed)
    {
        try { await StartAsync(connection, backoff, streak, firstAttempt: streak.TurnedAway, ct, failed); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (ObjectDisposedException) { } // disposed while waiting to retry: stopped for good
    }

    static async Task StartAsync(HubConnection connection, HubBackoff backoff, Streak streak, int firstAttempt, CancellationToken ct,
        Action<Exception, int>? failed)
    {
        for (int attempt = firstAttempt; ; attempt++)
        {
            if (attempt > 0) await Task.Delay(backoff.Delay(attempt - 1), ct);
            try
            {
                // Before, not after: the server may end the connection before StartAsync's caller runs again.
                streak.StartedAt = DateTimeOffset.UtcNow;
                await connection.StartAsync(ct);
                return;
            }
            catch (Exception e) when (e is not ObjectDisposedException && !ct.IsCancellationRequested)
            {
                failed?.Invoke(e, attempt - firstAttempt);
            }
        }
    }
}
