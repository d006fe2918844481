using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Printing;

namespace Queue.PrinterTool;

/// <summary>
/// The agent's reports to the silo: each job's outcome (retried a few times: the kiosk is waiting for it) and
/// the printer's health (not retried: the next one comes in 10 s), as the paired print agent. A silo out of reach, or
/// one refusing the token, is logged once per streak.
/// </summary>
public sealed class SiloReports(AgentSettings settings, Action<string> log) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = settings.SiloBase, Timeout = TimeSpan.FromSeconds(5),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", settings.Token) },
    };
    /// <summary>What keeps failing (the silo out of reach, or the refusal), logged once; null while reports get through.</summary>
    private string? _failing;

    public static string ConditionName(PrinterCondition c) => JsonNamingPolicy.CamelCase.ConvertName(c.ToString());

    public Task ResultAsync(string jobId, bool printed, PrinterCondition condition, string message, CancellationToken ct) =>
        PostAsync(settings.ResultPath(jobId), new PrintResultBody(printed, ConditionName(condition), Short(message)), tries: 4, ct);

    public Task StatusAsync(PrinterStatus status, CancellationToken ct) =>
        PostAsync(settings.StatusPath, new PrinterStatusBody(ConditionName(status.Condition), Short(status.Message)), tries: 1, ct);

    /// <summary>The silo takes at most 500 characters; exception texts can be longer.</summary>
    private static string Short(string message) => message.Length <= 500 ? message : message[..500];

    private async Task PostAsync<T>(string path, T body, int tries, CancellationToken ct)
    {
        for (var attempt = 0; attempt < tries; attempt++)
        {
            if (attempt > 0) await Task.Delay(TimeSpan.FromSeconds(1 << (attempt - 1)), ct);
            try
            {
                using var response = await _http.PostAsJsonAsync(path, body, ct);
                if (response.IsSuccessStatusCode)
                {
                    if (_failing is not null) log("已恢复向服务器报告 / Reports reach the silo again");
                    _failing = null;
                    return;
                }
                // A revoked token, or one paired for another kiosk: no retry helps until the installer gives a new one.
                if (await DeviceToken.RefusalAsync(response, hadToken: true, settings.PairAs, ct) is { } refused)
                {
                    Failing(refused, refused);
                    return;
                }
                // A refusal will not change on retry (unknown hall, job forgotten after a restart): say why and move on.
                if ((int)response.StatusCode < 500)
                {
                    log($"服务器拒绝报告 / The silo refused a report ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(ct)}");
                    return;
                }
                Unreachable($"HTTP {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                Unreachable(e.Message);
            }
        }
    }

    private void Unreachable(string why) => Failing("unreachable", $"无法向服务器报告 / Cannot report to the silo at {settings.Silo}: {why}");

    private void Failing(string what, string line)
    {
        if (_failing != what) log(line);
        _failing = what;
    }

    public void Dispose() => _http.Dispose();
}
