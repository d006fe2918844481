using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Queue.Silo.Halls;

namespace Queue.Silo.Access;

/// <summary>
/// Devices authenticate with "Authorization: Bearer {id}.{secret}" (the hub, which browsers cannot give headers, with
/// access_token={token}). The hall is the one the request is for: a token paired in one hall means nothing in another.
/// </summary>
public sealed class DeviceTokens(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains,
    HallCatalog catalog)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "device";

    /// <summary>A new token: a short id to find the device by, and 256 random bits.</summary>
    public static (string Id, string Token, string SecretHash) Issue()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, $"{id}.{secret}", Hash(secret));
    }

    /// <summary>Whether a request carries a device token at all (else it is a person's cookie, or nobody).</summary>
    public static bool Carried(HttpRequest request) => Token(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Token(Request) is not { } token) return AuthenticateResult.NoResult();
        var hallId = Context.GetRouteValue("hallId") as string ?? Request.Query["hall"].ToString();
        var dot = token.IndexOf('.');
        if (dot <= 0 || token.Length > 200) return AuthenticateResult.Fail("malformed device token");
        // Before any grain: a hall the catalog does not know has no devices (and its id may not even be a grain key).
        if (catalog.Find(hallId) is null) return AuthenticateResult.Fail("no such hall");
        if (await grains.GetGrain<IHallDevicesGrain>(hallId).Check(token[..dot], Hash(token[(dot + 1)..])) is not { } device)
            return AuthenticateResult.Fail("unknown or revoked device token");
        var identity = new ClaimsIdentity(
        [
            new Claim(Actor.DeviceIdClaim, device.Id), new Claim(Actor.DeviceKindClaim, device.Kind),
            new Claim(ClaimTypes.Name, device.Name), new Claim(Actor.DeviceHallClaim, device.HallId),
            .. device.Place is { } place ? [new Claim(Actor.DevicePlaceClaim, place)] : Array.Empty<Claim>(),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private static string? Token(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return header[7..].Trim();
        return request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } t ? t : null;
    }

    private static string Hash(string secret) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
