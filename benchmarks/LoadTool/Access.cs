using System.Net;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>
/// Who the load speaks as (issue 10): taking tickets and working windows need staff or a kiosk, so the load signs in
/// as the admin (who may do both in every hall), and the restart probe speaks as a kiosk paired beforehand, so what it
/// times is a kiosk's first ticket (a token lookup), not a sign-in's password hashing. Done here rather than with
/// <see cref="Staff.SignedIn"/> because a --compare baseline from before accounts has neither endpoint (404) and needs neither.
/// </summary>
public static class Access
{
    /// <summary>Signs in as the admin; the client's handler keeps the cookie.</summary>
    public static async Task SignInAsync(this HttpClient http, string password)
    {
        using var answer = await http.Post("/api/auth/sign-in", new { userName = Staff.Admin, password });
        if (answer.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotFound))
            throw new InvalidOperationException($"Signing in as {Staff.Admin} at {http.BaseAddress} answered {(int)answer.StatusCode} "
                + $"(--admin-password?): {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>Pairs kiosk <paramref name="name"/> in <paramref name="hallId"/> as the signed-in admin; its token, or null on a silo without devices.</summary>
    public static async Task<string?> PairKioskAsync(this HttpClient admin, string hallId, string name)
    {
        using var answer = await admin.Post($"/api/halls/{hallId}/manage/devices", new { kind = "kiosk", name });
        if (answer.StatusCode == HttpStatusCode.NotFound) return null;
        return (await HallApi.Body(answer.EnsureSuccessStatusCode())).GetProperty("token").GetString();
    }
}
