using System.Net;
using System.Text.Json;

namespace Queue.Displays.Hub;

/// <summary>
/// The token a manager pairs a device with (POST /api/halls/{hallId}/manage/devices shows it once). Our agents send
/// it as "Authorization: Bearer …" on REST and on the hub; installers give it on the command line or in
/// <see cref="EnvironmentVariable"/>, so it need not sit in a committed config file.
/// </summary>
public static class DeviceToken
{
    public const string EnvironmentVariable = "QUEUE_DEVICE_TOKEN";
    /// <summary>The silo reads no longer token.</summary>
    public const int MaxLength = 200;

    /// <summary>The command line's token, else <see cref="EnvironmentVariable"/>'s, else the config file's; null when none is set.</summary>
    public static string? Choose(string? commandLine, string? configured = null) =>
        new[] { commandLine, Environment.GetEnvironmentVariable(EnvironmentVariable), configured }
            .Select(t => t?.Trim()).FirstOrDefault(t => !string.IsNullOrEmpty(t));

    /// <summary>Why a token cannot be the one the silo issued ({id}.{secret}, no spaces), or null when it may be.</summary>
    public static string? Problem(string token) =>
        token.Length <= MaxLength && token.IndexOf('.') > 0 && !token.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? null
            : $"设备令牌格式不对，请粘贴管理后台配对时显示的完整令牌 / The device token is malformed: paste the whole token the manager dashboard showed when pairing (id.secret, at most {MaxLength} characters).";

    /// <summary>
    /// What to tell the installer, in Chinese and English, when the silo refuses this device (401: no token, or an
    /// unknown or revoked one; 403: a token of another kind or another kiosk); null for any other answer.
    /// <paramref name="pairAs"/> names the device to pair, e.g. "display-agent" or "print-agent k1".
    /// </summary>
    public static async Task<string?> RefusalAsync(HttpResponseMessage response, bool hadToken, string pairAs, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return hadToken
                ? $"设备令牌无效或已撤销，请在管理后台重新配对 / The device token is invalid or revoked: pair this device ({pairAs}) again in the manager dashboard and start it with the new token ({EnvironmentVariable} or --token)."
                : $"未配置设备令牌，请在管理后台配对后提供 / No device token: pair this device ({pairAs}) in the manager dashboard and give its token ({EnvironmentVariable} or --token).";
        if (response.StatusCode != HttpStatusCode.Forbidden) return null;
        var (zh, en) = await SaysAsync(response, ct);
        return $"服务器拒绝了此设备令牌：{zh}（请配对为 {pairAs}） / The silo refused this device's token: {en} (pair it as {pairAs}).";
    }

    // The silo's problem+json carries zh and en; anything else is shown as it came.
    private static async Task<(string Zh, string En)> SaysAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            var problem = JsonSerializer.Deserialize<JsonElement>(text);
            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("zh", out var zh) && problem.TryGetProperty("en", out var en))
                return (zh.GetString() ?? "", en.GetString() ?? "");
        }
        catch (JsonException) { }
        return (text, text);
    }
}
