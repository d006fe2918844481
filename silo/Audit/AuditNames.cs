using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Access;

namespace Queue.Silo.Audit;

/// <summary>
/// What the audit's sentences call things: people by role and name, devices by kind and name (revoked ones too, so a
/// month-old entry still says which kiosk), tickets by their number (from their TicketIssued: the log knows a ticket by
/// its secret id, which the audit never shows), categories by name, times in the hall's zone.
/// </summary>
public sealed class AuditNames(HallConfig hall, IReadOnlyDictionary<string, string> numbers, IEnumerable<UserView> accounts, IEnumerable<DeviceView> devices)
{
    private static readonly Dictionary<string, string> KindNames = new()
    {
        [DeviceKinds.Kiosk] = "取号机", [DeviceKinds.Tv] = "大屏", [DeviceKinds.WindowScreen] = "窗口屏",
        [DeviceKinds.DisplayAgent] = "显示屏代理", [DeviceKinds.PrintAgent] = "打印代理", [DeviceKinds.Evaluator] = "评价器",
    };

    private readonly Dictionary<string, string> _roles = accounts.ToDictionary(a => a.UserName, a => a.Role, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DeviceView> _devices = devices.ToDictionary(d => d.Id);

    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(hall.TimeZone);

    /// <summary>A ticket's number, or null when its TicketIssued is not in the log any more.</summary>
    public string? Number(string ticketId) => numbers.GetValueOrDefault(ticketId);

    /// <summary>Who, as a sentence starts: "管理员 m1", "c1" (a clerk: the 工号 says enough), "取号机 k1", "群众".</summary>
    public string Actor(string? by) => by switch
    {
        null => "（未记录操作人）",
        "resident" => "群众",
        _ when by.StartsWith("user:", StringComparison.Ordinal) && by[5..] is var name => _roles.GetValueOrDefault(name) switch
        {
            Roles.Admin => $"系统管理员 {name}",
            Roles.Manager => $"管理员 {name}",
            _ => name,
        },
        _ when by.StartsWith("device:", StringComparison.Ordinal) && by[7..] is var id =>
            _devices.GetValueOrDefault(id) is { } d ? Device(d) : $"设备 {id}",
        _ => by,
    };

    /// <summary>"取号机 k1".</summary>
    public static string Device(DeviceView d) => $"{KindNames.GetValueOrDefault(d.Kind, "设备")} {d.Name}";

    public string Category(string code) => hall.Category(code)?.Name ?? code;

    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;
}
