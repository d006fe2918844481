using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Queue.Silo.Access;

/// <summary>
/// This silo's live hub connections opened with a credential: a paired device's token, or a person's session cookie.
/// It subscribes to the grain that can withdraw each (the hall's devices grain, the accounts grain), so revoking a
/// device, or disabling, locking or re-passwording an account, on whichever silo, cuts its connections here at once.
/// </summary>
public sealed class CredentialConnections : IDeviceRevocations, IAccountEndings, IHostedService
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);
    /// <summary>A device of a hall, or a person (no hall).</summary>
    private readonly record struct Credential(string? Hall, string Id);
    private readonly ConcurrentDictionary<Credential, ConcurrentDictionary<string, HubCallerContext>> _live = new();
    private readonly IGrainFactory _grains;
    private readonly Lazy<IDeviceRevocations> _devicesObserver;
    private readonly Lazy<IAccountEndings> _accountsObserver;
    private readonly PeriodicTimer _renew;
    private Task _renewing = Task.CompletedTask;

    public CredentialConnections(IGrainFactory grains, TimeProvider clock)
    {
        _grains = grains;
        _devicesObserver = new(() => grains.CreateObjectReference<IDeviceRevocations>(this));
        _accountsObserver = new(() => grains.CreateObjectReference<IAccountEndings>(this));
        _renew = new PeriodicTimer(RenewEvery, clock);
    }

    private IDeviceRevocations DevicesObserver => _devicesObserver.Value;
    private IAccountEndings AccountsObserver => _accountsObserver.Value;
    private IAccountsGrain Accounts => _grains.GetGrain<IAccountsGrain>(IAccountsGrain.Key);

    /// <summary>
    /// Registers a connection made with a credential. It was checked when the connection was made, and a withdrawal
    /// since then reached no one here if this silo was not yet watching: so once watching, it is looked up again (a grain
    /// answers in order, so a withdrawal is either in that answer or told to us after it).
    /// </summary>
    public async Task Joined(ClaimsPrincipal user, HubCallerContext connection)
    {
        if (Actor.Of(user) is not { } actor || Of(actor) is not { } credential) return;
        var known = _live.ContainsKey(credential);
        _live.GetOrAdd(credential, _ => new())[connection.ConnectionId] = connection;
        if (actor.Device is { } d)
        {
            var devices = _grains.GetGrain<IHallDevicesGrain>(d.HallId);
            if (!known) await devices.Watch(DevicesObserver);
            if (!(await devices.List()).Any(x => x.Id == d.Id)) Revoked(d.HallId, d.Id);
        }
        else
        {
            if (!known) await Accounts.Watch(AccountsObserver);
            if (!int.TryParse(user.FindFirstValue(Actor.StampClaim), out var stamp) || !await Accounts.IsCurrent(actor.UserName!, stamp))
                Ended(actor.UserName!);
        }
    }

    public void Left(ClaimsPrincipal user, string connectionId)
    {
        if (Actor.Of(user) is { } actor && Of(actor) is { } credential && _live.TryGetValue(credential, out var connections)
            && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
            _live.TryRemove(new KeyValuePair<Credential, ConcurrentDictionary<string, HubCallerContext>>(credential, connections));
    }

    public void Revoked(string hallId, string deviceId) => Cut(new(hallId, deviceId));

    public void Ended(string userName) => Cut(new(null, userName));

    private void Cut(Credential credential)
    {
        if (_live.TryRemove(credential, out var connections))
            foreach (var c in connections.Values) c.Abort();
    }

    private static Credential? Of(Actor actor) =>
        actor.Device is { } d ? new Credential(d.HallId, d.Id) : actor.UserName is { } name ? new Credential(null, name) : null;

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

    /// <summary>A grain forgets silos that stop renewing, and a new activation (its silo died) knows none.</summary>
    private async Task Renew()
    {
        while (await _renew.WaitForNextTickAsync())
        {
            var keys = _live.Keys.ToArray();
            var watches = keys.Where(k => k.Hall is not null).Select(k => k.Hall!).Distinct()
                .Select(h => _grains.GetGrain<IHallDevicesGrain>(h).Watch(DevicesObserver)).ToList();
            if (keys.Any(k => k.Hall is null)) watches.Add(Accounts.Watch(AccountsObserver));
            foreach (var watch in watches)
            {
                try { await watch; }
                catch (Exception) { }   // the next round tries again; the connections stay meanwhile
            }
        }
    }
}
