using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Queue.Silo.Access;

/// <summary>
/// This silo's live hub connections of paired devices. It subscribes to the devices grain of each hall it holds
/// connections for, so revoking a device (on whichever silo) cuts its connections here at once.
/// </summary>
public sealed class DeviceConnections : IDeviceRevocations, IHostedService
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<(string Hall, string Device), ConcurrentDictionary<string, HubCallerContext>> _live = new();
    private readonly IGrainFactory _grains;
    private readonly Lazy<IDeviceRevocations> _self;
    private readonly PeriodicTimer _renew;
    private Task _renewing = Task.CompletedTask;

    public DeviceConnections(IGrainFactory grains, TimeProvider clock)
    {
        _grains = grains;
        _self = new(() => grains.CreateObjectReference<IDeviceRevocations>(this));
        _renew = new PeriodicTimer(RenewEvery, clock);
    }

    /// <summary>
    /// Registers a device's connection. Its token was checked when the connection was made, and a revocation since then
    /// reached no one here if this silo was not yet watching the hall: so once watching, the device is looked up again
    /// (the grain answers in order, so a revocation is either in that answer or told to us after it).
    /// </summary>
    public async Task Joined(string hallId, string deviceId, HubCallerContext connection)
    {
        var known = _live.ContainsKey((hallId, deviceId));
        _live.GetOrAdd((hallId, deviceId), _ => new())[connection.ConnectionId] = connection;
        var devices = _grains.GetGrain<IHallDevicesGrain>(hallId);
        if (!known) await devices.Watch(_self.Value);
        if (!(await devices.List()).Any(d => d.Id == deviceId)) Revoked(hallId, deviceId);
    }

    public void Left(string hallId, string deviceId, string connectionId)
    {
        if (_live.TryGetValue((hallId, deviceId), out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
            _live.TryRemove(new KeyValuePair<(string, string), ConcurrentDictionary<string, HubCallerContext>>((hallId, deviceId), connections));
    }

    public void Revoked(string hallId, string deviceId)
    {
        if (_live.TryRemove((hallId, deviceId), out var connections))
            foreach (var c in connections.Values) c.Abort();
    }

    public Task StartAsync(CancellationToken ct)
    {
        _renewing = Renew();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken ct)
    {
        _renew.Dispose();
        return _renewing;
    }

    /// <summary>A devices grain forgets silos that stop renewing, and a new activation (its silo died) knows none.</summary>
    private async Task Renew()
    {
        while (await _renew.WaitForNextTickAsync())
            foreach (var hall in _live.Keys.Select(k => k.Hall).Distinct())
            {
                try { await _grains.GetGrain<IHallDevicesGrain>(hall).Watch(_self.Value); }
                catch (Exception) { }   // the next round tries again; the connections stay meanwhile
            }
    }
}
