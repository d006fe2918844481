using System.Net.Http.Headers;
using System.Net.Http.Json;
using Queue.Contracts;
using Queue.Displays.Hub;

namespace Queue.DisplayAgent;

/// <summary>
/// POST {silo}/api/halls/{hallId}/displays/heartbeat every HeartbeatSeconds, and soon after a
/// screen's health flips, with every screen's health, as the paired display-agent device; the manager
/// dashboard shows silent screens. A refused token is logged once, clearly, and the beats go on at the same pace.
/// </summary>
public sealed class Heartbeat : IDisposable
{
    readonly AgentConfig _config;
    readonly IReadOnlyList<ScreenSlot> _screens;
    readonly Action<string> _log;
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    readonly SemaphoreSlim _soon = new(0, 1);
    /// <summary>What the last beat logged: "" before the first, null while beats are delivered, else the failure.</summary>
    string? _last = "";
    int _sent;

    public Heartbeat(AgentConfig config, IReadOnlyList<ScreenSlot> screens, Action<string> log)
    {
        (_config, _screens, _log) = (config, screens, log);
        if (config.Token is { } token) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Beats sent so far, delivered or not.</summary>
    public int Sent => Volatile.Read(ref _sent);

    public HeartbeatBody Build() => new(_config.AgentId,
        [.. _screens.Select(s => new Queue.Contracts.ScreenHealth(s.Config.Id, s.Config.WindowNo, s.Health.Healthy, s.Health.Error))]);

    /// <summary>Asks for a beat now (a screen's health changed).</summary>
    public void Soon()
    {
        try { _soon.Release(); } catch (SemaphoreFullException) { }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        await Task.Delay(TimeSpan.FromSeconds(1), ct); // first probes come in before the first beat
        while (!ct.IsCancellationRequested)
        {
            await SendAsync(ct);
            await _soon.WaitAsync(TimeSpan.FromSeconds(_config.HeartbeatSeconds), ct);
        }
    }

    async Task SendAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync(_config.HeartbeatUrl(), Build(), ct);
            Outcome(response.IsSuccessStatusCode ? null
                : await DeviceToken.RefusalAsync(response, _config.Token is not null, "display-agent", ct) is { } refused
                    ? "heartbeat: " + refused
                    : $"heartbeat: the silo answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            Outcome($"heartbeat: {e.Message}");
        }
        finally { Interlocked.Increment(ref _sent); }
    }

    /// <summary>Logs the first delivery and each change between delivered and failing (or failing differently), not every beat.</summary>
    void Outcome(string? failure)
    {
        if (failure == _last) return;
        _log(failure ?? (_last == "" ? "heartbeat: delivered" : "heartbeat: delivered again"));
        _last = failure;
    }

    public void Dispose() => _http.Dispose();
}
