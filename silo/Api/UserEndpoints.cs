using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Silo.Access;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>
/// Accounts, for admins (every route requires the admin policy):
/// POST /api/admin/users                          { userName, password, role, halls } → 201
/// GET  /api/admin/users
/// POST /api/admin/users/{userName}/disable       its sessions end at their next request
/// POST /api/admin/users/{userName}/enable
/// POST /api/admin/users/{userName}/password      { password }: also lifts a lockout
/// </summary>
public static partial class UserEndpoints
{
    public const int MaxNameLength = 32;

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/admin/users").WithTags("Accounts (admin)").RequireAuthorization(AccessPolicies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("", Create);
        users.MapGet("", List);
        users.MapPost("/{userName}/disable", (string userName, IGrainFactory grains, TimeProvider clock) => Answer(Accounts(grains).SetDisabled(userName, true), clock));
        users.MapPost("/{userName}/enable", (string userName, IGrainFactory grains, TimeProvider clock) => Answer(Accounts(grains).SetDisabled(userName, false), clock));
        users.MapPost("/{userName}/password", SetPassword);
        return app;
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> Create(NewUserBody body, IGrainFactory grains, HallCatalog catalog, TimeProvider clock)
    {
        if (body.UserName is not { } name || !UserName().IsMatch(name))
            return Problems.Invalid("user-name-invalid", $"用户名（工号）为 1 到 {MaxNameLength} 个字母、数字、点、下划线或连字符",
                $"userName (the 工号) is 1 to {MaxNameLength} letters, digits, '.', '_' or '-'.");
        if (PasswordProblem(body.Password) is { } weak) return weak;
        if (body.Role is not { } role || !Roles.All.Contains(role))
            return Problems.Invalid("role-invalid", "角色应为 admin、manager 或 clerk", "role must be admin, manager or clerk.");
        var halls = (body.Halls ?? []).Distinct().ToArray();
        if (halls.FirstOrDefault(h => catalog.Find(h) is null) is { } unknown) return Problems.HallNotFound(unknown).ToStatus(400);
        if (role != Roles.Admin && halls.Length == 0)
            return Problems.Invalid("halls-required", "大厅管理员和窗口人员需指定所属大厅（halls）", "A manager or clerk needs the halls they work in (halls).");
        var answer = await Accounts(grains).Create(name, Passwords.Hash(body.Password!), role, halls);
        return answer.Refusal is { } r ? r.ToProblem() : TypedResults.Created($"/api/admin/users/{name}", answer.Account!.ToView(clock.GetUtcNow()));
    }

    private static async Task<Ok<IReadOnlyList<UserView>>> List(IGrainFactory grains) => TypedResults.Ok(await Accounts(grains).List());

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetPassword(string userName, PasswordBody body, IGrainFactory grains, TimeProvider clock) =>
        PasswordProblem(body.Password) is { } weak ? weak : await Answer(Accounts(grains).SetPassword(userName, Passwords.Hash(body.Password!)), clock);

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> Answer(Task<AccountAnswer> change, TimeProvider clock)
    {
        var answer = await change;
        return answer.Refusal is { } r ? r.ToProblem() : TypedResults.Ok(answer.Account!.ToView(clock.GetUtcNow()));
    }

    private static ProblemHttpResult? PasswordProblem(string? password) => password is { Length: >= Passwords.MinLength and <= Passwords.MaxLength }
        ? null
        : Problems.Invalid("password-too-short", $"密码至少 {Passwords.MinLength} 个字符（最多 {Passwords.MaxLength} 个）",
            $"A password has {Passwords.MinLength} to {Passwords.MaxLength} characters.");

    private static IAccountsGrain Accounts(IGrainFactory grains) => grains.GetGrain<IAccountsGrain>(IAccountsGrain.Key);

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex UserName();
}
