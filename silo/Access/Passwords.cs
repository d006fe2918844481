using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Queue.Silo.Access;

/// <summary>The framework's PBKDF2 password hashing. Run by the endpoints, never inside a grain: ~100 ms of CPU each.</summary>
public static class Passwords
{
    public const int MinLength = 8, MaxLength = 128;
    private static readonly PasswordHasher<Account> Hasher = new();
    /// <summary>Checked when the user does not exist, so a wrong name costs the same time as a wrong password.</summary>
    private static readonly string Decoy = Hasher.HashPassword(null!, "decoy-password");

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash ?? Decoy, password) != PasswordVerificationResult.Failed && hash is not null;

    /// <summary>For the first admin when no password is configured: 16 easy-to-type characters.</summary>
    public static string Random() => RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);
}
