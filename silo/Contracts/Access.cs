using System.Text.Json.Serialization;

namespace Queue.Contracts;

// Who may do what (docs/api.md, "Accounts and devices"): staff sign in with a cookie, devices carry a bearer token.

/// <summary>POST /api/auth/sign-in.</summary>
public sealed record SignInBody(string? UserName, string? Password);
/// <summary>The signed-in person: GET /api/auth/me and the answer to a sign-in. <see cref="Halls"/> is empty for admins (all halls).</summary>
public sealed record MeView(string UserName, string Role, IReadOnlyList<string> Halls);
/// <summary>POST /api/admin/users.</summary>
public sealed record NewUserBody(string? UserName, string? Password, string? Role, string[]? Halls);
/// <summary>POST /api/admin/users/{userName}/password.</summary>
public sealed record PasswordBody(string? Password);
/// <summary>An account as admins see it; never its password hash.</summary>
public sealed record UserView(string UserName, string Role, IReadOnlyList<string> Halls, bool Disabled, DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LockedUntil = null);

/// <summary>POST /api/halls/{hallId}/manage/devices. Kind: kiosk, tv, window-screen, display-agent, print-agent, evaluator.
/// For a kiosk the name is its kioskId; for a print agent, the kioskId of the kiosk it prints for.
/// Place (optional) says where it stands (一楼东侧入口): a kiosk's help alert names it, so staff know where to go.</summary>
public sealed record NewDeviceBody(string? Kind, string? Name, string? Place = null);
/// <summary>A paired device as managers see it; never its token. Revoked devices are listed only in the audit.</summary>
public sealed record DeviceView(string Id, string HallId, string Kind, string Name, DateTimeOffset PairedAt, string PairedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LastSeenAt = null)
{
    /// <summary>Where the device stands (一楼东侧入口), when the manager said so at pairing.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Place { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? RevokedAt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RevokedBy { get; init; }
}
/// <summary>The answer to pairing: the token is shown this once (only its hash is kept); <see cref="PairUrl"/> is the page to
/// open once on that device, which keeps the token and goes on to the device's own page.</summary>
public sealed record PairedDeviceView(string Id, string Token, string PairUrl, DeviceView Device);
