using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Access;

/// <summary>
/// A person who signs in. <see cref="Stamp"/> changes whenever what their cookie claims stops being true (disabled,
/// new password, lockout), so an old cookie stops working at its next request.
/// </summary>
public sealed record Account(string UserName, string PasswordHash, string Role, string[] Halls, DateTimeOffset CreatedAt)
{
    public bool Disabled { get; init; }
    public int Failures { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public int Stamp { get; init; }

    public UserView ToView(DateTimeOffset now) =>
        new(UserName, Role, Halls, Disabled, CreatedAt, LockedUntil > now ? LockedUntil : null);

    public MeView ToMe() => new(UserName, Role, Halls);
}

/// <summary>Every account, as the one <see cref="IAccountsGrain"/> keeps it.</summary>
public sealed class AccountBook
{
    public Dictionary<string, Account> Users { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A refusal, or the account it concerned.</summary>
public sealed record AccountAnswer(Refusal? Refusal, Account? Account);

/// <summary>Every account of the authority, in one grain: few, rarely changed, and a lockout must count every silo's tries.
/// Passwords are hashed and checked by the caller, off this grain, so sign-ins do not queue behind each other's hashing.</summary>
public interface IAccountsGrain : IGrainWithStringKey
{
    const string Key = "all";

    Task<Account?> Find(string userName);

    /// <summary>Counts a sign-in whose password was (or was not) right: 5 wrong in a row lock the account for 15 minutes.</summary>
    Task<AccountAnswer> SignedIn(string userName, bool passwordRight);

    /// <summary>Whether a cookie issued with <paramref name="stamp"/> still speaks for an enabled account.</summary>
    Task<bool> IsCurrent(string userName, int stamp);

    Task<AccountAnswer> Create(string userName, string passwordHash, string role, string[] halls);
    Task<IReadOnlyList<UserView>> List();
    Task<AccountAnswer> SetDisabled(string userName, bool disabled);
    /// <summary>A new password also lifts a lockout and ends every session of the account.</summary>
    Task<AccountAnswer> SetPassword(string userName, string passwordHash);

    /// <summary>Creates the first admin when there is no account at all; true when it did.</summary>
    Task<bool> CreateFirstAdmin(string passwordHash);

    /// <summary>A silo's live connections hear of every account whose sessions end; renewed, or forgotten after 2 minutes.</summary>
    Task Watch(IAccountEndings silo);
}

/// <summary>Told when an account's sessions end (disabled, locked, a new password): its live hub connections are cut.</summary>
public interface IAccountEndings : IGrainObserver
{
    void Ended(string userName);
}
