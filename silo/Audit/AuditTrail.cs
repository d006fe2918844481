using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Silo.Audit;

/// <summary>
/// What the audit shows of an event or a device change: who, why, the ticket's number, the window, and one short
/// Chinese sentence for the manager ("c1 在 3 号窗口叫号 A012"). Nothing personal: no secret ticket id, no appointment
/// code (it checks the resident in), nothing an appointment says about the resident.
/// </summary>
public static class AuditTrail
{
    public const string DevicePaired = "DevicePaired", DeviceRevoked = "DeviceRevoked";

    public static AuditEntryView Of(LoggedEvent logged, AuditNames names)
    {
        var e = logged.Event;
        var number = e is TicketIssued i ? i.Number : EventSubjects.TicketOf(e) is { } id ? names.Number(id) : null;
        var why = e.Why ?? e switch { TicketPriorityChanged p => p.Reason, TicketTransferred t => t.Reason, _ => null };
        return new(logged.Seq, e.At, EventJson.Kind(e), e.By, why, number, EventSubjects.WindowOf(e),
            Summary(e, names, number ?? "一张号", why is { Length: > 0 } ? $"：{why}" : ""));
    }

    /// <summary>A device's pairing and, once revoked, its revocation.</summary>
    public static IEnumerable<AuditEntryView> Of(DeviceView d, AuditNames names)
    {
        yield return new(null, d.PairedAt, DevicePaired, d.PairedBy, null, null, null, Say(names.Actor(d.PairedBy), $"配对{AuditNames.Device(d)}"));
        if (d.RevokedAt is { } at)
            yield return new(null, at, DeviceRevoked, d.RevokedBy, null, null, null, Say(names.Actor(d.RevokedBy), $"撤销{AuditNames.Device(d)}"));
    }

    private static string Summary(HallEvent e, AuditNames names, string n, string why)
    {
        var who = names.Actor(e.By);
        return e switch
        {
            DayStarted d => $"新的服务日开始（{d.ServiceDate:yyyy-MM-dd}），号码重新编排",
            HallTakenOver => "大厅转到集群中的另一台服务器继续服务（原服务器失联）",
            TicketIssued { Remote: true } => Say(who, $"线上取号 {n}（到大厅签到后叫号）"),
            TicketIssued i => Say(who, $"取号 {n}{i.Priority switch { Priority.Green => "（绿色通道）", Priority.Appointment => "（预约）", _ => "" }}"),
            TicketArrived a => Say(who, $"{n} 已到大厅签到（{(a.Via == "kiosk" ? "取号机签到码" : "门口签到码")}）"),
            // No one called it: the hall did, at once, for an idle window (auto-call).
            TicketCalled { By: null } c => $"{c.WindowNo} 号窗口自动叫号 {n}",
            TicketCalled c => Say(who, $"在 {c.WindowNo} 号窗口叫号 {n}"),
            TicketRecalled r => Say(who, $"在 {r.WindowNo} 号窗口重呼 {n}"),
            TicketServiceStarted s => Say(who, $"在 {s.WindowNo} 号窗口开始办理 {n}"),
            TicketCompleted c => Say(who, $"在 {c.WindowNo} 号窗口办结 {n}"),
            TicketMarkedNoShow m => Say(who, $"在 {m.WindowNo} 号窗口将 {n} 标为过号"),
            TicketParked p => Say(who, $"在 {p.WindowNo} 号窗口挂起 {n}"),
            TicketResumed r => Say(who, $"在 {r.WindowNo} 号窗口继续办理挂起的 {n}"),
            TicketTransferred t => Say(who, $"将 {n} {(t.FromWindowNo is int from ? $"从 {from} 号窗口" : "")}转到"
                + (t.ToWindowNo is int to ? $" {to} 号窗口" : $"“{names.Category(t.ToCategory!)}”") + why),
            TicketCancelled => Say(who, $"取消 {n}{why}"),
            TicketReinstated => Say(who, $"恢复过号 {n}"),
            TicketReturned r => Say(who, $"强制关闭 {r.WindowNo} 号窗口，{n} 回到队首{why}"),
            TicketPriorityChanged p => Say(who, $"将 {n} 调为{(p.Priority == Priority.Green ? "绿色通道" : "普通")}{why}"),
            WindowOpened o when e.By == $"user:{o.ClerkId}" => Say(who, $"打开 {o.WindowNo} 号窗口"),
            WindowOpened o => Say(who, $"以工号 {o.ClerkId} 打开 {o.WindowNo} 号窗口"),
            WindowClosed c => Say(who, $"关闭 {c.WindowNo} 号窗口"),
            WindowPaused p => Say(who, $"暂停 {p.WindowNo} 号窗口"),
            WindowResumed r => Say(who, $"恢复 {r.WindowNo} 号窗口的服务"),
            WindowCategoriesChanged c => Say(who, $"将 {c.WindowNo} 号窗口的办理类别设为{string.Join("、", c.Categories.Select(names.Category))}"
                + (c.Prefers.Count > 0 ? $"（优先{string.Join("、", c.Prefers.Select(names.Category))}）" : "")),
            NoticePosted { Text.Length: 0 } => Say(who, "清除大厅通知"),
            NoticePosted p => Say(who, $"发布大厅通知：{p.Text}"),
            AppointmentBooked b => Say(who, $"登记预约 {names.Local(b.SlotStart):MM-dd HH:mm}–{names.Local(b.SlotEnd):HH:mm}"),
            // Nobody marked it: the hall recorded it once the check-in window had closed.
            AppointmentMissed m => $"{names.Local(m.SlotStart):MM-dd HH:mm} 的预约未按时签到（记为爽约）",
            _ => Say(who, EventJson.Kind(e)),
        };
    }

    // "管理员 m1 发布…", but "群众取消…": a space only after a Latin name.
    private static string Say(string who, string what) => char.IsAsciiLetterOrDigit(who[^1]) ? $"{who} {what}" : who + what;
}
