using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Queue.Silo.Api;

/// <summary>Security:AllowedOrigins: a hall's own other addresses (say http://queue.hall.local) whose pages may change state.
/// Security:TrustedProxies: the addresses of the nginx in front of the silos, whose X-Forwarded-For and -Proto are believed.</summary>
public sealed class SecurityOptions
{
    public string[] AllowedOrigins { get; set; } = [];
    public string[] TrustedProxies { get; set; } = [];
}

/// <summary>
/// What keeps other sites out: every answer carries the security headers, and a state change sent by a page
/// of another origin is refused before any handler runs. Devices, agents and curl send no Origin and pass.
/// </summary>
public static class CrossSite
{
    // Only the silo's own files: the pages use no inline script or style attribute, the kiosk's QR code is
    // inline SVG markup, and 'self' covers the hub's ws:/wss: to the same host (CSP Level 3).
    const string Policy = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IHostApplicationBuilder AddCrossSite(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration("Security")
            .Validate(o => o.AllowedOrigins.All(a => Uri.TryCreate(a, UriKind.Absolute, out var u) && u.GetLeftPart(UriPartial.Authority) == a.TrimEnd('/')),
                "Security:AllowedOrigins are origins such as http://queue.hall.local (scheme, host, optional port; no path)")
            .Validate(o => o.TrustedProxies.All(p => System.Net.IPAddress.TryParse(p, out _)), "Security:TrustedProxies are IP addresses such as 127.0.0.1")
            .ValidateOnStart();
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        // Behind nginx every client has nginx's address: without its word the per-address rate limits would lump all
        // phones together, and with TLS at nginx the same-origin check would see http where the page is https.
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in builder.Configuration.GetSection("Security:TrustedProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        return builder;
    }

    /// <summary>X-Forwarded-For and -Proto from the trusted proxies only. Without any, the middleware is not added at
    /// all: with empty proxy lists it would believe every client's header.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.TrustedProxies.Length == 0 ? app : app.UseForwardedHeaders();

    /// <summary>First in the pipeline, and added as the answer starts, so error pages carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, http.Response);
        return next(http);
    });

    /// <summary>
    /// Refuses POST, PUT, PATCH and DELETE (and hub WebSockets, which a page can open without negotiating)
    /// whose Origin is neither this silo nor an allowed one.
    /// </summary>
    public static IApplicationBuilder UseSameOriginWrites(this IApplicationBuilder app)
    {
        var allowed = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins
            .Select(a => a.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.Use(async (http, next) =>
        {
            var request = http.Request;
            var changes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
                || http.AsksForWebSocket();
            if (changes && request.Headers.Origin.ToString() is { Length: > 0 } origin
                && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase) && !allowed.Contains(origin))
            {
                await Problems.Invalid("cross-origin-refused", "拒绝来自其他网站的操作请求",
                    $"Requests from {origin} may not change anything here; only pages served by this silo may.").ToStatus(403).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
    }
}
