using Queue.Contracts;
using System.Collections.Concurrent;

namespace Queue.Silo.Alerts;

/// <summary>Last heartbeat of each display agent, so a silent agent is noticed too.</summary>
public sealed record AgentHeartbeat(string HallId, string AgentId, IReadOnlyList<ScreenHealth> Screens, DateTimeOffset At);

public sealed class DeviceHealth
{
    private readonly ConcurrentDictionary<(string Hall, string Agent), AgentHeartbeat> _agents = new();

    public void Beat(AgentHeartbeat beat) => _agents[(beat.HallId, beat.AgentId)] = beat;

    public IEnumerable<AgentHeartbeat> Agents(string hallId) => _agents.Values.Where(a => a.HallId == hallId);
}
