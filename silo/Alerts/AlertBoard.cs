using Queue.Silo.Halls;
using Queue.Contracts;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Queue.Silo.Alerts;

/// <summary>
/// Current alerts per hall. These are operational signals, not hall history, so they live in memory and
/// are re-derived after a restart. A new alert is pushed to the hall's managers once.
/// </summary>
public sealed class AlertBoard(IHubClients<IHallClient> clients, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, AlertView>> _halls = new();

    public IReadOnlyList<AlertView> List(string hallId) =>
        _halls.TryGetValue(hallId, out var alerts) ? [.. alerts.Values.OrderByDescending(a => a.At)] : [];

    public void Raise(string hallId, string key, string kind, string message, string? source = null)
    {
        var alerts = _halls.GetOrAdd(hallId, _ => new());
        if (alerts.TryGetValue(key, out var existing) && existing.Message == message) return;
        var alert = new AlertView(key, kind, message, clock.GetUtcNow(), source);
        alerts[key] = alert;
        _ = clients.Group(HallGroups.Managers(hallId)).Alert(alert);
    }

    public bool Clear(string hallId, string key) => _halls.TryGetValue(hallId, out var alerts) && alerts.TryRemove(key, out _);

    /// <summary>Clears alerts of one kind that are no longer in <paramref name="stillTrue"/>.</summary>
    public void Settle(string hallId, string keyPrefix, IReadOnlySet<string> stillTrue)
    {
        if (!_halls.TryGetValue(hallId, out var alerts)) return;
        foreach (var key in alerts.Keys.Where(k => k.StartsWith(keyPrefix, StringComparison.Ordinal) && !stillTrue.Contains(k)))
            alerts.TryRemove(key, out _);
    }
}
