using Queue.Contracts;
using Microsoft.Extensions.Options;
using Queue.Printing;
using Queue.Silo.Alerts;

namespace Queue.Silo.Printing;

/// <summary>
/// Each kiosk printer's last known health, from direct status queries, agent reports and job outcomes. A printer
/// that is not ready, or an agent that has gone quiet, is an alert "printer:{kioskId}" for the hall's managers
/// until it is ready again.
/// </summary>
public sealed class PrinterWatch(AlertBoard alerts, IOptions<PrintingOptions> options, TimeProvider clock)
{
    private sealed class Kiosk
    {
        public PrinterCondition Condition = PrinterCondition.Online;
        public bool ViaAgent;
        public int Connections;
        public DateTimeOffset LastHeard;
    }

    private readonly object _gate = new();
    private readonly Dictionary<(string Hall, string Kiosk), Kiosk> _kiosks = [];

    public static string AlertKey(string kioskId) => $"printer:{kioskId}";

    /// <summary>What a printer said about itself (a status query or the status around a job).</summary>
    public void Report(string hallId, string kioskId, PrinterCondition condition, bool viaAgent)
    {
        lock (_gate)
        {
            var k = Get(hallId, kioskId);
            k.Condition = condition;
            k.ViaAgent |= viaAgent;
            if (viaAgent) k.LastHeard = clock.GetUtcNow();
            Settle(hallId, kioskId, k, clock.GetUtcNow());
        }
    }

    public void AgentConnected(string hallId, string kioskId)
    {
        lock (_gate)
        {
            var k = Get(hallId, kioskId);
            (k.ViaAgent, k.LastHeard) = (true, clock.GetUtcNow());
            k.Connections++;
            Settle(hallId, kioskId, k, clock.GetUtcNow());
        }
    }

    /// <summary>Silence is counted from the moment the last connection of the kiosk's agent went away.</summary>
    public void AgentDisconnected(string hallId, string kioskId)
    {
        lock (_gate)
        {
            var k = Get(hallId, kioskId);
            k.Connections = Math.Max(0, k.Connections - 1);
            k.LastHeard = clock.GetUtcNow();
        }
    }

    /// <summary>Raises the alert for agents that have been gone longer than Printing:AgentSilentSeconds.</summary>
    public void CheckSilence()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
            foreach (var ((hall, kiosk), k) in _kiosks.Where(x => x.Value.ViaAgent)) Settle(hall, kiosk, k, now);
    }

    private Kiosk Get(string hallId, string kioskId)
    {
        if (!_kiosks.TryGetValue((hallId, kioskId), out var k)) _kiosks[(hallId, kioskId)] = k = new Kiosk();
        return k;
    }

    private void Settle(string hallId, string kioskId, Kiosk k, DateTimeOffset now)
    {
        var silentFor = options.Value.AgentSilentSeconds;
        var silent = k.ViaAgent && k.Connections == 0 && now - k.LastHeard > TimeSpan.FromSeconds(silentFor);
        if (silent)
            alerts.Raise(hallId, AlertKey(kioskId), "printer",
                $"取号机 {kioskId} 的打印代理已超过 {silentFor} 秒无消息（电脑关机、断网或打印代理未运行）", kioskId);
        else if (!PrinterConditions.IsReady(k.Condition))
            alerts.Raise(hallId, AlertKey(kioskId), "printer", $"取号机 {kioskId} 的{PrinterConditions.Sample(k.Condition).MessageZh}", kioskId);
        else
            alerts.Clear(hallId, AlertKey(kioskId));
    }
}
