using System.Security.Claims;
using Queue.Hall;

namespace Queue.Silo.Access;

/// <summary>
/// Who a request speaks for, read from its claims: a signed-in person (cookie) or a paired device (bearer token).
/// <see cref="Id"/> is what the audit records: "user:{name}" or "device:{id}".
/// </summary>
public sealed record Actor(string Id, string? UserName, string? Role, IReadOnlyList<string> Halls, DeviceClaim? Device)
{
    internal const string RoleClaim = ClaimTypes.Role, HallClaim = "queue:hall", StampClaim = "queue:stamp",
        DeviceIdClaim = "queue:device", DeviceKindClaim = "queue:device-kind", DeviceHallClaim = "queue:device-hall",
        DevicePlaceClaim = "queue:device-place";

    public static Actor? Of(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(DeviceIdClaim) is { } deviceId)
            return new($"device:{deviceId}", null, null, [], new DeviceClaim(deviceId, user.FindFirstValue(DeviceKindClaim)!,
                user.FindFirstValue(ClaimTypes.Name)!, user.FindFirstValue(DeviceHallClaim)!, user.FindFirstValue(DevicePlaceClaim)));
        return user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.Name) is { } name
            ? new($"user:{name}", name, user.FindFirstValue(RoleClaim), [.. user.FindAll(HallClaim).Select(c => c.Value)], null)
            : null;
    }

    public bool IsAdmin => Role == Roles.Admin;
    public bool IsClerk => Role == Roles.Clerk;

    /// <summary>A person with one of <paramref name="roles"/> in this hall (admins in every hall); no person where none is named.</summary>
    public bool IsStaff(string hallId, params string[] roles) =>
        roles.Length > 0 && (IsAdmin || (Role is { } r && roles.Contains(r) && Halls.Contains(hallId, StringComparer.Ordinal)));

    public bool IsDevice(string hallId, params string[] kinds) => Device is { } d && d.HallId == hallId && kinds.Contains(d.Kind);
}

/// <summary>A paired device as its token says; <see cref="Place"/> is where it stands, when the manager said.</summary>
public sealed record DeviceClaim(string Id, string Kind, string Name, string HallId, string? Place = null);

public static class Acting
{
    /// <summary>The command as this request's actor gives it: who for the audit, and the clerk whose window it must be.
    /// Without an actor (a resident with a ticket's secret id) it is "resident". A blank reason is no reason.</summary>
    public static T By<T>(this T command, ClaimsPrincipal user, string? why = null) where T : HallCommand
    {
        var actor = Actor.Of(user);
        return (T)((HallCommand)command with
        {
            By = actor?.Id ?? "resident", Why = why?.Trim() is { Length: > 0 } w ? w : null, Clerk = actor is { IsClerk: true } ? actor.UserName : null,
        });
    }
}
