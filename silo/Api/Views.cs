using System.Text.Json.Serialization;
using Queue.Hall;
using Queue.Silo.Printing;

namespace Queue.Silo.Api;

// Wire shapes for the API and the hub (docs/api.md). Kept apart from the domain so a field can be added
// here without touching the state; public ones never carry a ticket's secret id.

public sealed record HoursView(string Open, string Close, string LunchStart, string LunchEnd, bool LunchService, IReadOnlyList<int> Days);
public sealed record CategoryView(string Code, string Name, string Prefix, int TargetWaitMinutes, int Waiting, int LongestWaitSeconds, int? EstimatedWaitMinutes, int OpenWindows);
public sealed record MatterView(string Id, string Name, string CategoryCode, string? Department);
public sealed record BundleView(string Id, string Name, IReadOnlyList<string> MatterIds, IReadOnlyList<string> Route);
public sealed record CurrentTicketView(string Number, TicketStatus Status, string CategoryCode, string CategoryName, IReadOnlyList<string> Matters, DateTimeOffset? CalledAt, DateTimeOffset? StartedAt);
public sealed record ParkedView(string Number);
public sealed record WindowView(int No, string Name, WindowKind Kind, WindowState State, string? ClerkId, IReadOnlyList<string> Categories,
    IReadOnlyList<string> Prefers, CurrentTicketView? Current, IReadOnlyList<ParkedView> Parked, int ServedToday, int MeanServiceSeconds, DateTimeOffset? StateSince);
public sealed record CallView(long Seq, string TicketNumber, int WindowNo, string WindowName, string CategoryCode, string CategoryName, string Announcement, DateTimeOffset At, bool IsRecall);
public sealed record HallStateView(string HallId, string Name, long Seq, DateOnly ServiceDate, string TimeZone, bool IsOpenNow, HoursView Hours,
    IReadOnlyList<CategoryView> Categories, IReadOnlyList<MatterView> Matters, IReadOnlyList<BundleView> Bundles, IReadOnlyList<WindowView> Windows,
    IReadOnlyList<CallView> RecentCalls, string Notice, int WaitingTotal);
public sealed record HallSummaryView(string Id, string Name, int WindowCount, int OpenWindows, int Waiting);
public sealed record NamedView(string Id, string Name);
public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End);
public sealed record TicketView(string Id, string HallId, string Number, TicketStatus Status, string CategoryCode, string CategoryName, string Prefix,
    IReadOnlyList<NamedView> Matters, NamedView? Bundle, Priority Priority, string? GreenReason, SlotView? AppointmentSlot, DateTimeOffset IssuedAt,
    int PeopleAhead, int? EstimatedWaitMinutes, int? WindowNo, string? WindowName, DateTimeOffset? CalledAt, int Step, int Steps, string StatusUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PrintView? Print = null);
public sealed record CategoryLoadView(string Code, int Waiting, int LongestWaitSeconds, int? EstimatedWaitMinutes, int OpenWindows);
public sealed record QueueView(long Seq, IReadOnlyList<CategoryLoadView> Categories, int WaitingTotal);
public sealed record WindowChangedView(long Seq, WindowView Window);
public sealed record NoticeView(long Seq, string Text, DateTimeOffset At);
public sealed record WindowActionView(WindowView Window, TicketView? Ticket);

public static class Views
{
    public static string Announcement(string number, int windowNo) => $"请 {number} 号 到 {windowNo} 号窗口 办理";
    public static string StatusUrl(string hallId, string ticketId) => $"/ticket/{hallId}/{ticketId}";

    public static HallStateView Hall(HallState s, DateTimeOffset now)
    {
        var c = s.Config;
        var h = c.Hours;
        return new HallStateView(c.Id, c.Name, s.Seq, s.ServiceDate, c.TimeZone, s.IsOpenAt(now),
            new HoursView(h.Open.ToString("HH:mm"), h.Close.ToString("HH:mm"), h.LunchStart.ToString("HH:mm"), h.LunchEnd.ToString("HH:mm"), h.LunchService, h.Days),
            [.. c.Categories.Select(cat => Category(s, cat, now))],
            [.. c.Matters.Select(m => new MatterView(m.Id, m.Name, m.CategoryCode, m.Department))],
            [.. c.Bundles.Select(b => new BundleView(b.Id, b.Name, b.MatterIds, b.Route))],
            [.. s.WindowsInOrder.Select(w => Window(s, w))],
            [.. s.RecentCalls.Select(r => Call(s, r))],
            s.Notice, s.WaitingTotal());
    }

    public static HallSummaryView Summary(HallState s) =>
        new(s.Config.Id, s.Config.Name, s.WindowsInOrder.Count, s.WindowsInOrder.Count(w => w.State != WindowState.Closed), s.WaitingTotal());

    public static CategoryView Category(HallState s, Category cat, DateTimeOffset now)
    {
        var load = s.Load(cat.Code, now);
        return new CategoryView(cat.Code, cat.Name, cat.Prefix, cat.TargetWaitMinutes, load.Waiting, load.LongestWaitSeconds, load.EstimatedWaitMinutes, load.OpenWindows);
    }

    public static QueueView Queue(HallState s, DateTimeOffset now) =>
        new(s.Seq, [.. s.Config.Categories.Select(cat => s.Load(cat.Code, now))
            .Select(l => new CategoryLoadView(l.Code, l.Waiting, l.LongestWaitSeconds, l.EstimatedWaitMinutes, l.OpenWindows))], s.WaitingTotal());

    public static WindowView Window(HallState s, Window w)
    {
        var current = s.CurrentAt(w);
        return new WindowView(w.No, w.Name, w.Kind, w.State, w.ClerkId, w.Categories, w.Prefers,
            current is null ? null : new CurrentTicketView(current.Number, current.Status, current.CategoryCode, CategoryName(s, current.CategoryCode),
                [.. current.MatterIds.Select(id => s.Config.Matter(id)?.Name ?? id)], current.CalledAt, current.StartedAt),
            [.. w.Parked.Select(id => new ParkedView(s.TicketById(id)!.Number))],
            w.ServedToday, w.ServedToday == 0 ? 0 : (int)(w.ServiceSecondsToday / w.ServedToday), w.StateSince);
    }

    public static CallView Call(HallState s, CallRecord r)
    {
        var w = s.Window(r.WindowNo)!;
        return new CallView(r.Seq, r.TicketNumber, r.WindowNo, w.Name, r.CategoryCode, CategoryName(s, r.CategoryCode),
            Announcement(r.TicketNumber, r.WindowNo), r.At, r.IsRecall);
    }

    public static TicketView Ticket(HallState s, Ticket t, DateTimeOffset now)
    {
        var cat = s.Config.Category(t.CategoryCode)!;
        var ahead = s.PeopleAhead(t, now);
        var bundle = t.BundleId is { } b ? s.Config.Bundle(b) : null;
        return new TicketView(t.Id, s.Config.Id, t.Number, t.Status, cat.Code, cat.Name, cat.Prefix,
            [.. t.MatterIds.Select(id => new NamedView(id, s.Config.Matter(id)?.Name ?? id))],
            bundle is null ? null : new NamedView(bundle.Id, bundle.Name),
            t.Priority, t.GreenReason, t.SlotStart is { } start ? new SlotView(start, t.SlotEnd ?? start) : null, t.IssuedAt,
            ahead, t.Status == TicketStatus.Waiting ? s.EstimatedWaitMinutes(t.CategoryCode, ahead) : null,
            t.WindowNo, t.WindowNo is int no ? s.Window(no)?.Name : null, t.CalledAt, t.Step + 1, t.Route.Count, StatusUrl(s.Config.Id, t.Id));
    }

    private static string CategoryName(HallState s, string code) => s.Config.Category(code)?.Name ?? code;
}
