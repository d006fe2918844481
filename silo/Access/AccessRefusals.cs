using Queue.Hall;

namespace Queue.Silo.Access;

/// <summary>Why a sign-in, an account change or a device change was refused, in Chinese and English.</summary>
public static class AccessRefusals
{
    /// <summary>Wrong name or password alike, so a guess cannot tell which accounts exist.</summary>
    public static Refusal SignInFailed(int triesLeft) => new("sign-in-failed",
        $"用户名或密码错误（再错 {triesLeft} 次账号将锁定 15 分钟）",
        $"Wrong user name or password ({triesLeft} more and the account is locked for 15 minutes).", RefusalKind.Unauthorized);

    public static Refusal Locked(TimeSpan left)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(left.TotalMinutes));
        return new("account-locked", $"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或请管理员重置密码",
            $"Too many wrong passwords: the account is locked for {minutes} more minute(s), or until an admin resets its password.", RefusalKind.Locked);
    }

    public static Refusal UserExists(string name) => new("user-exists", $"用户 {name} 已存在", $"User '{name}' already exists.");
    public static Refusal UserNotFound(string name) => Refusal.NotFound("user-not-found", $"没有用户 {name}", $"User '{name}' does not exist.");
    public static Refusal DeviceNameTaken(string kind, string name) =>
        new("device-name-taken", $"已有名为 {name} 的{kind}设备，请先撤销它或换一个名称", $"A {kind} device named '{name}' is already paired; revoke it or choose another name.");
    public static Refusal DeviceNotFound(string id) => Refusal.NotFound("device-not-found", $"没有设备 {id}", $"Device '{id}' does not exist in this hall.");
}
