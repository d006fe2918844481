using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Silo.Access;

namespace Queue.Silo.Api;

/// <summary>
/// POST /api/auth/sign-in    { userName, password } → the HttpOnly, SameSite=Strict cookie and who signed in
/// POST /api/auth/sign-out   ends the session
/// GET  /api/auth/me         who this cookie signs in
/// </summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);
        // As a Delegate: a method of HttpContext returning a Task binds as a RequestDelegate, whose result is dropped (200, not 204).
        auth.MapPost("/sign-out", (Delegate)SignOut).AllowAnonymous();
        auth.MapGet("/me", Me).RequireAuthorization(AccessPolicies.SignedIn);
        return app;
    }

    private static async Task<Results<Ok<MeView>, ProblemHttpResult>> SignIn(SignInBody body, HttpContext http, IGrainFactory grains)
    {
        if (body.UserName is not { Length: > 0 and <= UserEndpoints.MaxNameLength } name || body.Password is not { Length: > 0 and <= Passwords.MaxLength } password)
            return Problems.Invalid("sign-in-invalid", "请填写用户名和密码", "userName and password are required.");
        var accounts = grains.GetGrain<IAccountsGrain>(IAccountsGrain.Key);
        var account = await accounts.Find(name.Trim());
        var answer = await accounts.SignedIn(name.Trim(), Passwords.Verify(account?.PasswordHash, password));
        if (answer.Refusal is { } r) return r.ToProblem();
        var a = answer.Account!;
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, a.UserName), new Claim(Actor.RoleClaim, a.Role), new Claim(Actor.StampClaim, a.Stamp.ToString()),
            .. a.Halls.Select(h => new Claim(Actor.HallClaim, h)),
        ], AccessSetup.StaffScheme);
        await http.SignInAsync(AccessSetup.StaffScheme, new ClaimsPrincipal(identity));
        return TypedResults.Ok(a.ToMe());
    }

    private static async Task<NoContent> SignOut(HttpContext http)
    {
        await http.SignOutAsync(AccessSetup.StaffScheme);
        return TypedResults.NoContent();
    }

    private static Results<Ok<MeView>, ProblemHttpResult> Me(ClaimsPrincipal user) => Actor.Of(user) is { UserName: { } name } a
        ? TypedResults.Ok(new MeView(name, a.Role!, a.Halls))
        : Problems.Invalid("not-a-person", "设备没有登录账号", "A device token is not a signed-in person.").ToStatus(StatusCodes.Status403Forbidden);
}
