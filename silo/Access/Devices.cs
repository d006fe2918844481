using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Access;

/// <summary>A device a manager paired. Only the SHA-256 of its token's secret is kept: the token is shown once.</summary>
public sealed record PairedDevice(string Id, string Kind, string Name, string SecretHash, DateTimeOffset PairedAt, string PairedBy)
{
    public string? Place { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }

    public DeviceView ToView(string hallId, DateTimeOffset? lastSeen) =>
        new(Id, hallId, Kind, Name, PairedAt, PairedBy, lastSeen) { Place = Place, RevokedAt = RevokedAt, RevokedBy = RevokedBy };
}

/// <summary>A hall's devices, revoked ones kept so the audit can still name them.</summary>
public sealed class DeviceBook
{
    public Dictionary<string, PairedDevice> Devices { get; set; } = [];
}

public sealed record DeviceAnswer(Refusal? Refusal, DeviceView? Device);

/// <summary>Told when a device is revoked, so each silo cuts that device's live hub connections at once.</summary>
public interface IDeviceRevocations : IGrainObserver
{
    void Revoked(string hallId, string deviceId);
}

/// <summary>One hall's paired devices (keyed by hall id): what its kiosks, screens and agents may do rests on them.</summary>
public interface IHallDevicesGrain : IGrainWithStringKey
{
    /// <summary>The id and the secret's hash come from the caller (random), so a retry cannot pair twice under one id.</summary>
    Task<DeviceAnswer> Pair(string id, string kind, string name, string? place, string secretHash, string by);
    Task<IReadOnlyList<DeviceView>> List();
    /// <summary>Every device the hall ever paired, revoked ones too: the audit names them and shows who paired and revoked.</summary>
    Task<IReadOnlyList<DeviceView>> All();
    Task<DeviceAnswer> Revoke(string id, string by);
    /// <summary>The device a token speaks for, or null when unknown, wrong or revoked.</summary>
    Task<DeviceView?> Check(string id, string secretHash);
    /// <summary>Keeps a silo's <see cref="IDeviceRevocations"/> subscribed; the silo renews it while it holds connections.</summary>
    Task Watch(IDeviceRevocations silo);
}
