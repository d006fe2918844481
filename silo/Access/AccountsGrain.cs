using Orleans.Utilities;
using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Storage;

namespace Queue.Silo.Access;

public sealed class AccountsGrain([PersistentState("accounts", StoredGrainState.Name)] IPersistentState<AccountBook> book, TimeProvider clock,
    ILogger<AccountsGrain> logger) : Grain, IAccountsGrain
{
    private readonly ObserverManager<IAccountEndings> _silos = new(TimeSpan.FromMinutes(2), logger);

    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    private Dictionary<string, Account> Users => book.State.Users;

    public Task<Account?> Find(string userName) => Task.FromResult(Users.GetValueOrDefault(userName));

    public async Task<AccountAnswer> SignedIn(string userName, bool passwordRight)
    {
        var now = clock.GetUtcNow();
        // An unknown or disabled name is counted and locked like a real one (in memory only), so no answer tells which
        // names exist.
        if (Users.GetValueOrDefault(userName) is not { Disabled: false } a)
        {
            var s = _strangers.GetValueOrDefault(userName);
            if (s.LockedUntil > now) return Refused(AccessRefusals.Locked(s.LockedUntil.Value - now));
            if (_strangers.Count >= MaxStrangers) _strangers.Clear();   // bounded; the per-address sign-in limit does the rest
            (_strangers[userName], var refusal) = Strike(s.Failures, now);
            return Refused(refusal);
        }
        if (a.LockedUntil > now) return Refused(AccessRefusals.Locked(a.LockedUntil.Value - now));
        if (passwordRight)
        {
            if (a.Failures > 0 || a.LockedUntil is not null) await Save(a with { Failures = 0, LockedUntil = null });
            return new(null, Users[a.UserName]);
        }
        var (next, refused) = Strike(a.Failures, now);
        // A lock also ends the account's sessions (a new stamp).
        await Save(a with { Failures = next.Failures, LockedUntil = next.LockedUntil, Stamp = next.LockedUntil is null ? a.Stamp : a.Stamp + 1 });
        return Refused(refused);
    }

    private readonly record struct Strikes(int Failures, DateTimeOffset? LockedUntil);
    private const int MaxStrangers = 10_000;
    private readonly Dictionary<string, Strikes> _strangers = new(StringComparer.Ordinal);

    private static (Strikes, Refusal) Strike(int failures, DateTimeOffset now) => failures + 1 >= MaxFailures
        ? (new(0, now + LockFor), AccessRefusals.Locked(LockFor))
        : (new(failures + 1, null), AccessRefusals.SignInFailed(MaxFailures - failures - 1));

    public Task<bool> IsCurrent(string userName, int stamp) =>
        Task.FromResult(Users.GetValueOrDefault(userName) is { Disabled: false } a && a.Stamp == stamp && !(a.LockedUntil > clock.GetUtcNow()));

    public async Task<AccountAnswer> Create(string userName, string passwordHash, string role, string[] halls)
    {
        if (Users.ContainsKey(userName)) return Refused(AccessRefusals.UserExists(userName));
        var account = new Account(userName, passwordHash, role, role == Roles.Admin ? [] : halls, clock.GetUtcNow());
        await Save(account);
        return new(null, account);
    }

    public Task<IReadOnlyList<UserView>> List()
    {
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<UserView>>([.. Users.Values.OrderBy(u => u.UserName, StringComparer.Ordinal).Select(u => u.ToView(now))]);
    }

    public Task<AccountAnswer> SetDisabled(string userName, bool disabled) =>
        Change(userName, a => a.Disabled == disabled ? a : a with { Disabled = disabled, Stamp = a.Stamp + 1 });

    public Task<AccountAnswer> SetPassword(string userName, string passwordHash) =>
        Change(userName, a => a with { PasswordHash = passwordHash, Failures = 0, LockedUntil = null, Stamp = a.Stamp + 1 });

    public async Task<bool> CreateFirstAdmin(string passwordHash)
    {
        if (Users.Count > 0) return false;
        await Save(new Account("admin", passwordHash, Roles.Admin, [], clock.GetUtcNow()));
        return true;
    }

    private async Task<AccountAnswer> Change(string userName, Func<Account, Account> change)
    {
        if (Users.GetValueOrDefault(userName) is not { } a) return Refused(AccessRefusals.UserNotFound(userName));
        var changed = change(a);
        if (!ReferenceEquals(changed, a)) await Save(changed);
        return new(null, changed);
    }

    public Task Watch(IAccountEndings silo)
    {
        _silos.Subscribe(silo, silo);
        return Task.CompletedTask;
    }

    private async Task Save(Account a)
    {
        var ended = Users.GetValueOrDefault(a.UserName) is { } before && before.Stamp != a.Stamp;
        Users[a.UserName] = a;
        await book.Store(this);
        if (ended) _silos.Notify(s => s.Ended(a.UserName));
    }

    private static AccountAnswer Refused(Refusal r) => new(r, null);
}
