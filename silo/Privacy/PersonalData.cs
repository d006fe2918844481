using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;

namespace Queue.Silo.Privacy;

/// <summary>
/// A resident's name and phone (个人信息, from appointments). Sealed with ASP.NET Core Data Protection before they reach a
/// hall, so the log, its snapshots and grain calls carry only ciphertext, under the silo's key ring (the store's
/// <c>keys/</c> folder, or Redis for a cluster: see AccessSetup). Shown only masked: 138****1234, 张*.
/// </summary>
public sealed partial class PersonalData(IDataProtectionProvider keys)
{
    public const int MaxNameLength = 30;
    private readonly IDataProtector _protector = keys.CreateProtector("Queue.PersonalData.v1");

    public string Protect(string plain) => _protector.Protect(plain);

    /// <summary>The plain value; null when there is none, or when it cannot be read because its key is gone (a lost
    /// key folder): the appointment still checks in, only its contact is unknown.</summary>
    public string? Unprotect(string? sealedValue)
    {
        if (sealedValue is null) return null;
        try { return _protector.Unprotect(sealedValue); }
        catch (CryptographicException) { return null; }
    }

    /// <summary>A mainland mobile number: 11 digits, 1 then 3–9.</summary>
    public static bool IsPhone(string phone) => MobileNumber().IsMatch(phone);

    /// <summary>1 to <see cref="MaxNameLength"/> characters (as a reader counts them), none of them control characters.</summary>
    public static bool IsName(string name) =>
        new StringInfo(name).LengthInTextElements is > 0 and <= MaxNameLength && !name.Any(char.IsControl);

    /// <summary>138****1234: the carrier prefix and the last four, as a resident recognises their own number.</summary>
    public static string MaskPhone(string phone) => $"{phone[..3]}****{phone[^4..]}";

    /// <summary>The first character kept, every other one a star: 张三 → 张*, 王小明 → 王**, 欧阳娜娜 → 欧***; a
    /// one-character name is only *. Stars per character, so staff can tell 张* from 张**, as on a train ticket.</summary>
    public static string MaskName(string name)
    {
        var length = new StringInfo(name).LengthInTextElements;
        return length <= 1 ? "*" : name[..StringInfo.GetNextTextElementLength(name)] + new string('*', length - 1);
    }

    /// <summary>A name and a phone as staff see them; null stays null (not given, or no longer readable).</summary>
    public static (string? Name, string? Phone) Masked(string? name, string? phone) =>
        (name is null ? null : MaskName(name), phone is null ? null : MaskPhone(phone));

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex MobileNumber();
}
