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

    /// <summary>WebSockets without negotiation (the silo's clients all do), our JSON, and reconnects that never give up.</summary>
    public static HubConnection Build(Uri hubUrl, HubBackoff backoff) => new HubConnectionBuilder()
        .WithUrl(hubUrl, o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions = Json)
        .WithAutomaticReconnect(backoff)
        .Build();

    /// <summary>
    /// Starts the connection, retrying with <paramref name="backoff"/> until it is up (StartAsync itself tries once), and
    /// from then on starts it again whenever it closes with an error (a server Close without allowReconnect, such as a
    /// hall the silo does not know yet), until <paramref name="ct"/> is cancelled. A StopAsync or DisposeAsync is final.
    /// Call once per connection; <paramref name="failed"/> hears each failed attempt and its number in the streak.
    /// </summary>
    public static async Task KeepStartedAsync(this HubConnection connection, HubBackoff backoff, CancellationToken ct,
        Action<Exception, int>? failed = null)
    {
        connection.Closed += error =>
        {
            if (error is not null && !ct.IsCancellationRequested) _ = RestartAsync(connection, backoff, ct, failed);
            return Task.CompletedTask;
        };
        await StartAsync(connection, backoff, firstAttempt: 0, ct, failed);
    }

    static async Task RestartAsync(HubConnection connection, HubBackoff backoff, CancellationToken ct, Action<Exception, int>? failed)
    {
        try { await StartAsync(connection, backoff, firstAttempt: 1, ct, failed); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (ObjectDisposedException) { } // disposed while waiting to retry: stopped for good
    }

    static async Task StartAsync(HubConnection connection, HubBackoff backoff, int firstAttempt, CancellationToken ct, Action<Exception, int>? failed)
    {
        for (int attempt = firstAttempt; ; attempt++)
        {
            if (attempt > 0) await Task.Delay(backoff.Delay(attempt - 1), ct);
            try
            {
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
