using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Queue.Silo.Api;

/// <summary>A refused caller hears why, in the same problem+json as every other refusal: 401 when nobody (or a revoked
/// device) is speaking, 403 when someone is but may not do this.</summary>
public sealed class AccessRefused : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _allowed = new();

    public Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded) return _allowed.HandleAsync(next, http, policy, result);
        var problem = http.User.Identity?.IsAuthenticated == true
            ? Problems.Forbidden()
            : Problems.Invalid("sign-in-required", "请先登录（工作人员）或配对设备",
                "Sign in (staff) or send a paired device's token (Authorization: Bearer …).").ToStatus(StatusCodes.Status401Unauthorized);
        return problem.ExecuteAsync(http);
    }
}
