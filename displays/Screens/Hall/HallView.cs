using Queue.Contracts;
using Queue.Hall;
using System.Collections.Immutable;

namespace Queue.Screens.Hall;

/// <summary>The last call seen for a window, timed by this machine's clock (the silo's may differ).</summary>
public sealed record SeenCall(string Number, DateTimeOffset SeenAt);

/// <summary>
/// What the agent knows about the hall: the last HallState with later WindowChanged/TicketCalled
/// applied (a call's one frame carries its window, which then gets no WindowChanged). Immutable;
/// every Apply returns the next view. A message with seq ≤ the HallState's seq is stale
/// (docs/api.md) and changes nothing.
/// </summary>
public sealed record HallView(
    HallStateView Snapshot,
    ImmutableDictionary<int, WindowView> Windows,
    ImmutableDictionary<int, long> WindowSeq,
    ImmutableDictionary<int, SeenCall> Calls,
    DateTimeOffset ReceivedAt)
{
    public static HallView From(HallStateView snapshot, DateTimeOffset receivedAt) => new(snapshot,
        snapshot.Windows.ToImmutableDictionary(w => w.No),
        ImmutableDictionary<int, long>.Empty,
        ImmutableDictionary<int, SeenCall>.Empty,
        receivedAt);

    public WindowView? Window(int no) => Windows.GetValueOrDefault(no);

    /// <summary>The newest seq this view holds.</summary>
    public long LastSeq => WindowSeq.Values.Append(Snapshot.Seq).Max();

    public HallView Apply(WindowChangedView m)
    {
        int no = m.Window.No;
        if (m.Seq <= Snapshot.Seq || m.Seq < WindowSeq.GetValueOrDefault(no)) return this;
        return this with { Windows = Windows.SetItem(no, m.Window), WindowSeq = WindowSeq.SetItem(no, m.Seq) };
    }

    /// <summary>A call (or recall) makes the screen flash; the window becomes the one the call's frame carries (without
    /// one, a later call of the same commit carries it: meanwhile the window's ticket is the called one).</summary>
    public HallView Apply(CallView m, DateTimeOffset seenAt)
    {
        if (m.Seq <= Snapshot.Seq) return this;
        var seen = Calls.SetItem(m.WindowNo, new SeenCall(m.TicketNumber, seenAt));
        if (m.Seq < WindowSeq.GetValueOrDefault(m.WindowNo)) return this with { Calls = seen };
        var window = m.Window ?? ((Window(m.WindowNo) ?? Unlisted(m)) with
        {
            Current = new CurrentTicketView(m.TicketNumber, TicketStatus.Called, m.CategoryCode, m.CategoryName, [], m.At, null),
        });
        return this with { Windows = Windows.SetItem(m.WindowNo, window), WindowSeq = WindowSeq.SetItem(m.WindowNo, m.Seq), Calls = seen };
    }

    /// <summary>A window the HallState did not list (added since): known only by the call, so open with nothing else.</summary>
    static WindowView Unlisted(CallView m) => new(m.WindowNo, m.WindowName, WindowKind.Comprehensive, WindowState.Open, null,
        [m.CategoryCode], [], null, [], 0, 0, null);

    /// <summary>
    /// Opening hours from the hall's own time zone, hours and days (the domain's own rule), so
    /// screens dim on time without a message. Holidays are not in the hours: when the silo said
    /// "closed" while the hours said "open", the hall stays closed for the rest of that local day.
    /// Without readable hours or a known time zone the snapshot's isOpenNow decides.
    /// </summary>
    public bool IsOpenAt(DateTimeOffset now)
    {
        if (!TryZone(Snapshot.TimeZone, out var zone) || HoursSayOpen(Snapshot.Hours, zone, now) is not { } open) return Snapshot.IsOpenNow;
        bool closedDay = !Snapshot.IsOpenNow && HoursSayOpen(Snapshot.Hours, zone, ReceivedAt) == true
            && TimeZoneInfo.ConvertTime(ReceivedAt, zone).Date == TimeZoneInfo.ConvertTime(now, zone).Date;
        return open && !closedDay;
    }

    static bool? HoursSayOpen(HoursView h, TimeZoneInfo zone, DateTimeOffset at)
    {
        if (!TimeOnly.TryParse(h.Open, out var open) || !TimeOnly.TryParse(h.Close, out var close)) return null;
        var hours = new OpeningHours { Open = open, Close = close, LunchService = h.LunchService, Days = h.Days };
        if (TimeOnly.TryParse(h.LunchStart, out var ls) && TimeOnly.TryParse(h.LunchEnd, out var le)) hours = hours with { LunchStart = ls, LunchEnd = le };
        return hours.IsOpenAt(TimeZoneInfo.ConvertTime(at, zone).DateTime);
    }

    static bool TryZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(id)) return false;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }
}
