using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Storage;

namespace Queue.Silo.Access;

public sealed class AccountsGrain([PersistentState("accounts", StoredGrainState.Name)] IPersistentState<AccountBook> book, TimeProvider clock)
    : Grain, IAccountsGrain
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    private Dictionary<string, Account> Users => book.State.Users;

    public Task<Account?> Find(string userName) => Task.FromResult(Users.GetValueOrDefault(userName));

    public async Task<AccountAnswer> SignedIn(string userName, bool passwordRight)
    {
        var now = clock.GetUtcNow();
        if (Users.GetValueOrDefault(userName) is not { } a) return Refused(AccessRefusals.SignInFailed(null));
        if (a.LockedUntil > now) return Refused(AccessRefusals.Locked(a.LockedUntil.Value - now));
        if (a.Disabled) return Refused(AccessRefusals.SignInFailed(null));
        if (passwordRight)
        {
            if (a.Failures > 0 || a.LockedUntil is not null) await Save(a with { Failures = 0, LockedUntil = null });
            return new(null, Users[a.UserName]);
        }
        var failures = a.Failures + 1;
        if (failures >= MaxFailures)
        {
            await Save(a with { Failures = 0, LockedUntil = now + LockFor, Stamp = a.Stamp + 1 });
            return Refused(AccessRefusals.Locked(LockFor));
        }
        await Save(a with { Failures = failures });
        return Refused(AccessRefusals.SignInFailed(MaxFailures - failures));
    }

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

    private Task Save(Account a)
    {
        Users[a.UserName] = a;
        return book.Store(this);
    }

    private static AccountAnswer Refused(Refusal r) => new(r, null);
}
