using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Silo.Access;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>
/// POST   /api/halls/{hallId}/manage/devices        { kind, name, place? } → 201 { id, token, pairUrl, device }: the token is shown once
/// GET    /api/halls/{hallId}/manage/devices        the hall's paired devices
/// DELETE /api/halls/{hallId}/manage/devices/{id}   revokes at once, live hub connections included
/// GET    /api/halls/{hallId}/devices/me            which device a token speaks for (the pairing page asks it)
/// </summary>
public static class DeviceEndpoints
{
    public const int MaxNameLength = 64, MaxPlaceLength = 64;

    public static RouteGroupBuilder MapDevices(this RouteGroupBuilder hall)
    {
        var devices = hall.MapGroup("/manage/devices").WithTags("Devices (manager)").RequireAuthorization(AccessPolicies.HallManager)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        devices.MapPost("", Pair);
        devices.MapGet("", List);
        devices.MapDelete("/{id}", Revoke);
        hall.MapGet("/devices/me", Me).WithTags("Devices").RequireAuthorization(AccessPolicies.Device);
        return hall;
    }

    private static async Task<Results<Created<PairedDeviceView>, ProblemHttpResult>> Pair(string hallId, NewDeviceBody body, HttpRequest request,
        ClaimsPrincipal user, IGrainFactory grains, HallCatalog catalog)
    {
        if (body.Kind is not { } kind || !DeviceKinds.All.Contains(kind))
            return Problems.Invalid("device-kind-invalid", $"设备类型应为 {string.Join("、", DeviceKinds.All)} 之一",
                $"kind must be one of: {string.Join(", ", DeviceKinds.All)}.");
        if (body.Name?.Trim() is not { Length: > 0 and <= MaxNameLength } name)
            return Problems.Invalid("device-name-invalid", $"请填写设备名称（最多 {MaxNameLength} 个字符；取号机和打印代理填取号机编号）",
                $"name is required (at most {MaxNameLength} characters; for a kiosk or a print agent, the kioskId).");
        // An evaluator faces one window and rates only what is served there: its name is that window's number.
        if (kind == DeviceKinds.Evaluator && catalog.Find(hallId)?.Windows.Any(w => w.No.ToString(CultureInfo.InvariantCulture) == name) != true)
            return Problems.Invalid("evaluator-window-invalid", $"评价器的设备名称应为它面对的窗口号（本大厅没有窗口“{name}”）",
                $"An evaluator's name is the number of the window it faces; this hall has no window '{name}'.");
        // No place is a place left unsaid, whether missing or blank.
        var place = body.Place?.Trim() is { Length: > 0 } p ? p : null;
        if (place is { Length: > MaxPlaceLength })
            return Problems.Invalid("device-place-invalid", $"摆放位置最多 {MaxPlaceLength} 个字符",
                $"place is at most {MaxPlaceLength} characters (or leave it out).");
        var (id, token, secretHash) = DeviceTokens.Issue();
        var answer = await grains.GetGrain<IHallDevicesGrain>(hallId).Pair(id, kind, name, place, secretHash, Actor.Of(user)!.Id);
        if (answer.Refusal is { } r) return r.ToProblem();
        // The token rides in the fragment: the pairing page reads it, and it never reaches a server log or a Referer.
        var pairUrl = $"{request.Scheme}://{request.Host}/pair/{hallId}#token={token}";
        return TypedResults.Created($"/api/halls/{hallId}/manage/devices/{id}", new PairedDeviceView(id, token, pairUrl, answer.Device!));
    }

    private static async Task<Ok<IReadOnlyList<DeviceView>>> List(string hallId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IHallDevicesGrain>(hallId).List());

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string hallId, string id, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetGrain<IHallDevicesGrain>(hallId).Revoke(id, Actor.Of(user)!.Id)).Refusal is { } r ? r.ToProblem() : TypedResults.NoContent();

    private static async Task<Results<Ok<DeviceView>, ProblemHttpResult>> Me(string hallId, ClaimsPrincipal user, IGrainFactory grains) =>
        (await grains.GetGrain<IHallDevicesGrain>(hallId).List()).FirstOrDefault(d => d.Id == Actor.Of(user)!.Device!.Id) is { } device
            ? TypedResults.Ok(device)
            : AccessRefusals.DeviceNotFound(Actor.Of(user)!.Device!.Id).ToProblem();
}
