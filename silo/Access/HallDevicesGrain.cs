using System.Security.Cryptography;
using System.Text;
using Orleans.Utilities;
using Queue.Contracts;
using Queue.Silo.Storage;

namespace Queue.Silo.Access;

public sealed class HallDevicesGrain([PersistentState("devices", StoredGrainState.Name)] IPersistentState<DeviceBook> book,
    TimeProvider clock, ILogger<HallDevicesGrain> logger) : Grain, IHallDevicesGrain
{
    /// <summary>A silo that stops renewing (gone) is forgotten after this; silos renew every <see cref="CredentialConnections.RenewEvery"/>.</summary>
    private readonly ObserverManager<IDeviceRevocations> _silos = new(TimeSpan.FromMinutes(2), logger);
    /// <summary>When each device was last heard of, for the manager's list; not worth a write per request.</summary>
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = [];

    private string HallId => this.GetPrimaryKeyString();
    private Dictionary<string, PairedDevice> Devices => book.State.Devices;

    public async Task<DeviceAnswer> Pair(string id, string kind, string name, string? place, string secretHash, string by)
    {
        if (Devices.Values.Any(d => d.RevokedAt is null && d.Kind == kind && d.Name == name))
            return new(AccessRefusals.DeviceNameTaken(kind, name), null);
        var device = new PairedDevice(id, kind, name, secretHash, clock.GetUtcNow(), by) { Place = place };
        await Save(device);
        return new(null, device.ToView(HallId, null));
    }

    public Task<IReadOnlyList<DeviceView>> List() => Task.FromResult<IReadOnlyList<DeviceView>>(
        [.. Devices.Values.Where(d => d.RevokedAt is null).OrderBy(d => d.Kind).ThenBy(d => d.Name).Select(d => d.ToView(HallId, LastSeen(d.Id)))]);

    public Task<IReadOnlyList<DeviceView>> All() =>
        Task.FromResult<IReadOnlyList<DeviceView>>([.. Devices.Values.Select(d => d.ToView(HallId, null))]);

    public async Task<DeviceAnswer> Revoke(string id, string by)
    {
        if (Devices.GetValueOrDefault(id) is not { RevokedAt: null } d) return new(AccessRefusals.DeviceNotFound(id), null);
        await Save(d with { RevokedAt = clock.GetUtcNow(), RevokedBy = by });
        _silos.Notify(s => s.Revoked(HallId, id));
        return new(null, d.ToView(HallId, LastSeen(id)));
    }

    public Task<DeviceView?> Check(string id, string secretHash)
    {
        if (Devices.GetValueOrDefault(id) is not { RevokedAt: null } d
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(d.SecretHash), Encoding.ASCII.GetBytes(secretHash)))
            return Task.FromResult<DeviceView?>(null);
        var now = clock.GetUtcNow();
        _lastSeen[id] = now;
        return Task.FromResult<DeviceView?>(d.ToView(HallId, now));
    }

    private DateTimeOffset? LastSeen(string id) => _lastSeen.TryGetValue(id, out var at) ? at : null;

    public Task Watch(IDeviceRevocations silo)
    {
        _silos.Subscribe(silo, silo);
        return Task.CompletedTask;
    }

    private Task Save(PairedDevice d)
    {
        Devices[d.Id] = d;
        return book.Store(this);
    }
}
