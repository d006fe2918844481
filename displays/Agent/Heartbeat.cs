using System.Net.Http.Json;
using Queue.Contracts;

namespace Queue.DisplayAgent;

/// <summary>
/// POST {silo}/api/halls/{hallId}/displays/heartbeat every HeartbeatSeconds, and soon after a
/// screen's health flips, with every screen's health; the manager dashboard shows silent screens.
/// </summary>
public sealed class Heartbeat(AgentConfig config, IReadOnlyList<ScreenSlot> screens, Action<string> log) : IDisposable
{
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    readonly SemaphoreSlim _soon = new(0, 1);
    bool _failing;

    public HeartbeatBody Build() => new(config.AgentId,
        [.. screens.Select(s => new Queue.Contracts.ScreenHealth(s.Config.Id, s.Config.WindowNo, s.Health.Healthy, s.Health.Error))]);

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
            await _soon.WaitAsync(TimeSpan.FromSeconds(config.HeartbeatSeconds), ct);
        }
    }

    async Task SendAsync(CancellationToken ct)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync(config.HeartbeatUrl(), Build(), ct);
            response.EnsureSuccessStatusCode();
            if (_failing) log("heartbeat: delivered again");
            _failing = false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            if (!_failing) log($"heartbeat: {e.Message}");
            _failing = true;
        }
    }

    public void Dispose() => _http.Dispose();
}
