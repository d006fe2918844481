using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Queue.Silo.Access;

namespace Queue.Silo.Api;

/// <summary>
/// Per client limits: a paired device as itself, anyone else by IP address. Defaults below; a hall overrides them as
/// RateLimits:{policy}:PermitLimit and RateLimits:{policy}:Window. A refusal is 429 rate-limited with Retry-After.
/// Behind a reverse proxy every client has the proxy's address: halls serve the LAN directly.
/// </summary>
public static class RateLimits
{
    /// <summary>取号. A kiosk serves one resident every 10 s or more (at most a few hundred an hour) and a front
    /// desk may issue a group's tickets at once: 120 a minute never refuses either, yet stops a script issuing thousands.</summary>
    public const string Taking = "taking";
    /// <summary>A ticket's page: a phone polls every 8 to 30 s; guessing a 26-character id needs billions of tries.</summary>
    public const string Lookup = "lookup";
    /// <summary>取消 and 过号恢复: a resident does either once or twice a visit.</summary>
    public const string Resident = "resident";
    /// <summary>呼叫帮办: one press alerts the managers; repeats from one kiosk add nothing.</summary>
    public const string Help = "help";
    /// <summary>Sign-in: a person types a password a few times; a script guessing gets 10 a minute (and the account locks after 5 wrong).</summary>
    public const string SignIn = "sign-in";
    /// <summary>预约: a resident books once or twice, trying another slot when one is full: 10 a minute from one address. A paired
    /// integration (the 12345 hotline books for many callers) counts as itself under <see cref="IntegrationBooking"/>.</summary>
    public const string Booking = "booking";
    public const string IntegrationBooking = "booking-integration";
    /// <summary>What devices report (heartbeats every 10 s, print results, printer health): 120 a minute each.</summary>
    public const string Device = "device";

    private static readonly Dictionary<string, (int PermitLimit, TimeSpan Window)> Defaults = new()
    {
        [Taking] = (120, TimeSpan.FromMinutes(1)),
        [Lookup] = (60, TimeSpan.FromMinutes(1)),
        [Resident] = (20, TimeSpan.FromMinutes(1)),
        [Help] = (10, TimeSpan.FromMinutes(1)),
        [SignIn] = (10, TimeSpan.FromMinutes(1)),
        [Device] = (120, TimeSpan.FromMinutes(1)),
        [Booking] = (10, TimeSpan.FromMinutes(1)),
        [IntegrationBooking] = (600, TimeSpan.FromMinutes(1)),
    };

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(o =>
        {
            var limits = Defaults.ToDictionary(d => d.Key, d =>
            {
                var section = builder.Configuration.GetSection($"RateLimits:{d.Key}");
                return new FixedWindowRateLimiterOptions
                {
                    PermitLimit = section.GetValue("PermitLimit", d.Value.PermitLimit),
                    Window = section.GetValue("Window", d.Value.Window),
                    QueueLimit = 0, // refuse at once: a waiting request only delays the answer the resident sees
                };
            });
            foreach (var (policy, limiter) in limits.Where(l => l.Key != IntegrationBooking))
                o.AddPolicy(policy, http => policy == Booking && Actor.Of(http.User)?.Device is { Kind: DeviceKinds.Integration }
                    ? RateLimitPartition.GetFixedWindowLimiter(Client(http), _ => limits[IntegrationBooking])
                    : RateLimitPartition.GetFixedWindowLimiter(Client(http), _ => limiter));
            o.OnRejected = (rejected, _) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString();
                return new ValueTask(Problems.Invalid("rate-limited", $"操作过于频繁，请 {seconds} 秒后再试",
                    $"Too many requests from this client; retry in {seconds} s.").ToStatus(429).ExecuteAsync(rejected.HttpContext));
            };
        });
        return builder;
    }

    /// <summary>A kiosk behind the hall's NAT is not limited with its neighbours: a device counts as itself.</summary>
    private static string Client(HttpContext http) =>
        Actor.Of(http.User)?.Device is { } d ? $"device:{d.HallId}/{d.Id}" : http.Connection.RemoteIpAddress?.ToString() ?? "";
}
