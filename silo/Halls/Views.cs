using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Halls;

/// <summary>Builds the wire views from a hall's state; run inside the hall grain, the only place the state is read.</summary>
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
            s.Notice, s.WaitingTotal()) { RemoteMinWaitMinutes = c.RemoteTaking?.MinWaitMinutes };
    }

    /// <summary>Open windows are those serving now: a paused window (暂停) is signed in but calls nobody.</summary>
    public static HallSummaryView Summary(HallState s) =>
        new(s.Config.Id, s.Config.Name, s.WindowsInOrder.Count, s.WindowsInOrder.Count(w => w.State == WindowState.Open), s.WaitingTotal(),
            s.WindowsInOrder.Count(w => w.State == WindowState.Paused));

    public static CategoryView Category(HallState s, Category cat, DateTimeOffset now)
    {
        var l = s.Load(cat.Code, now);
        return new CategoryView(cat.Code, cat.Name, cat.Prefix, cat.TargetWaitMinutes, l.Waiting, l.LongestWaitSeconds, l.Wait.Minutes, l.OpenWindows,
            l.DailyLimit, l.LeftToday, l.Wait.BeyondClosing, l.PausedWindows);
    }

    public static QueueView Queue(HallState s, DateTimeOffset now) =>
        new(s.Seq, [.. s.Config.Categories.Select(cat => s.Load(cat.Code, now))
            .Select(l => new CategoryLoadView(l.Code, l.Waiting, l.LongestWaitSeconds, l.Wait.Minutes, l.OpenWindows,
                l.DailyLimit, l.LeftToday, l.Wait.BeyondClosing, l.PausedWindows))], s.WaitingTotal());

    /// <summary>A window as the TV and everyone else may see it: its current ticket's matters (what the resident came
    /// for) only when <paramref name="forStaff"/>.</summary>
    public static WindowView Window(HallState s, Window w, bool forStaff = false)
    {
        var current = s.CurrentAt(w);
        return new WindowView(w.No, w.Name, w.Kind, w.State, w.ClerkId, w.Categories, w.Prefers,
            current is null ? null : new CurrentTicketView(current.Number, current.Status, current.CategoryCode, CategoryName(s, current.CategoryCode),
                forStaff ? [.. current.MatterIds.Select(id => s.Config.Matter(id)?.Name ?? id)] : [], current.CalledAt, current.StartedAt),
            [.. w.Parked.Select(id => new ParkedView(s.TicketById(id)!.Number))],
            w.ServedToday, w.ServedToday == 0 ? 0 : (int)(w.ServiceSecondsToday / w.ServedToday), w.StateSince);
    }

    public static CallView Call(HallState s, CallRecord r, WindowView? window = null)
    {
        var w = s.Window(r.WindowNo)!;
        return new CallView(r.Seq, r.TicketNumber, r.WindowNo, w.Name, r.CategoryCode, CategoryName(s, r.CategoryCode),
            Announcement(r.TicketNumber, r.WindowNo), r.At, r.IsRecall) { Window = window };
    }

    public static TicketView Ticket(HallState s, Ticket t, DateTimeOffset now)
    {
        var cat = s.Config.Category(t.CategoryCode)!;
        var ahead = s.PeopleAhead(t, now);
        var bundle = t.BundleId is { } b ? s.Config.Bundle(b) : null;
        var wait = t.Status == TicketStatus.Waiting ? s.EstimatedWait(t.CategoryCode, ahead, now) : default;
        return new TicketView(t.Id, s.Config.Id, t.Number, t.Status, cat.Code, cat.Name, cat.Prefix,
            [.. t.MatterIds.Select(id => new NamedView(id, s.Config.Matter(id)?.Name ?? id))],
            bundle is null ? null : new NamedView(bundle.Id, bundle.Name),
            t.Priority, t.GreenReason, t.SlotStart is { } start ? new SlotView(start, t.SlotEnd ?? start) : null, t.IssuedAt,
            ahead, wait.Minutes, t.WindowNo, t.WindowNo is int no ? s.Window(no)?.Name : null, t.CalledAt, t.Step + 1, t.Route.Count,
            [.. t.Route.Select(code => new RouteStepView(code, CategoryName(s, code), s.Config.KindFor(code)))], wait.BeyondClosing,
            NumberPrefix(t.Number), StatusUrl(s.Config.Id, t.Id))
        {
            LateForAppointment = t.AppointmentCode is not null && t.SlotStart is null,
            Remote = t.Remote, ArrivedAt = t.ArrivedAt, ArrivalCode = t.Away ? t.ArrivalCode : null,
            Rateable = t.Served.LastOrDefault() is { Grade: null } last
                ? new RateableStepView(last.Step + 1, CategoryName(s, last.CategoryCode), last.WindowNo, s.Window(last.WindowNo)?.Name, last.CompletedAt)
                : null,
        };
    }

    public static RatingView Rating(HallState s, ServiceRated r) =>
        new(r.Number, r.Step + 1, r.CategoryCode, CategoryName(s, r.CategoryCode), r.WindowNo, r.ClerkId, r.Grade, RatingScheme.GradeName(r.Grade),
            r.Tags, r.Comment, r.Channel, r.ServedAt, r.At);

    public static RatingSchemeView Scheme(RatingScheme scheme) =>
        new(scheme.Version, scheme.MaxCommentLength, [.. RatingScheme.Grades.Select(g => new RatingGradeView(g.Grade, g.Name, RatingScheme.IsBad(g.Grade),
            [.. scheme.TagsFor(g.Grade).Select(t => new RatingTagView(t.Text, t.Indicator))]))]);

    /// <summary>The letters of a ticket's own number (A of A002): its first step's prefix, whatever step it is at now.</summary>
    private static string NumberPrefix(string number) => number.TrimEnd("0123456789".ToCharArray());

    public static string CategoryName(HallState s, string code) => s.Config.Category(code)?.Name ?? code;
}
