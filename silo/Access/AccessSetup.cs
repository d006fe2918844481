using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Queue.Silo.Grains;
using Orleans.Storage;
using Queue.Silo.Storage;

namespace Queue.Silo.Access;

public static class AccessSetup
{
    public const string StaffScheme = "staff";
    private const string Either = "queue";

    /// <summary>
    /// People sign in with an HttpOnly, SameSite=Strict cookie; devices send a bearer token. Both are read on every
    /// request, so a disabled account or a revoked device stops working at once. Accounts and devices are Orleans grain
    /// state in the halls' own store; the cookie keys are in the store's folder, or in Redis for a cluster.
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder, ClusterSettings? cluster)
    {
        var services = builder.Services;
        services.AddKeyedSingleton<IGrainStorage>(StoredGrainState.Name, (sp, _) => new StoredGrainState(sp.GetRequiredService<IEventStore>()));
        var keys = services.AddDataProtection().SetApplicationName("queue");
        if (cluster is { IsShared: true })
        {
            // Every silo must read every other's cookies: one key ring for the cluster, next to its membership.
            var redis = new Lazy<StackExchange.Redis.IConnectionMultiplexer>(() => StackExchange.Redis.ConnectionMultiplexer.Connect(cluster.Redis));
            keys.PersistKeysToStackExchangeRedis(() => redis.Value.GetDatabase(), $"{cluster.Id}:data-protection-keys");
        }
        else
            keys.PersistKeysToFileSystem(new DirectoryInfo(KeyFolder(builder.Configuration)));

        services.AddAuthentication(Either)
            .AddPolicyScheme(Either, "cookie or device token", o => o.ForwardDefaultSelector = http =>
                DeviceTokens.Carried(http.Request) ? DeviceTokens.SchemeName : StaffScheme)
            .AddCookie(StaffScheme, o =>
            {
                o.Cookie.Name = "queue_staff";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);   // a working day; each request slides it
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = StillCurrent;
                // Refusals are problem+json (see Api/AccessRefused), never a redirect to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            })
            .AddScheme<AuthenticationSchemeOptions, DeviceTokens>(DeviceTokens.SchemeName, null);
        services.AddAuthorization(AccessPolicies.Add);
        services.AddSingleton<IAuthorizationHandler, HallAccessHandler>();
        services.AddSingleton<CredentialConnections>();
        services.AddHostedService(sp => sp.GetRequiredService<CredentialConnections>());
        services.AddHostedService<FirstAdmin>();
        return builder;
    }

    private static string KeyFolder(IConfiguration config)
    {
        var store = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.Path))!, "keys");
    }

    /// <summary>A cookie speaks for its account only while the account is enabled and unchanged (see <see cref="Account.Stamp"/>).</summary>
    private static async Task StillCurrent(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        var name = user?.Identity?.Name;
        if (name is not null && int.TryParse(user!.FindFirst(Actor.StampClaim)?.Value, out var stamp)
            && await context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IAccountsGrain>(IAccountsGrain.Key).IsCurrent(name, stamp))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(StaffScheme);
    }
}
