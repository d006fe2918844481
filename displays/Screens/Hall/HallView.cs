using Queue.Hall;
using System.Collections.Immutable;

namespace Queue.Screens.Hall;

/// <summary>The last call seen for a window, timed by this machine's clock (the silo's may differ).</summary>
public sealed record SeenCall(string Number, DateTimeOffset SeenAt);

/// <summary>
/// What the agent knows about the hall: the last HallState with later WindowChanged/TicketCalled
/// applied. Immutable; every Apply returns the next view. A message with seq ≤ the HallState's seq
/// is stale (docs/api.md) and changes nothing.
/// </summary>
public sealed record HallView(
    HallSnapshot Snapshot,
    ImmutableDictionary<int, WindowInfo> Windows,
    ImmutableDictionary<int, long> WindowSeq,
    ImmutableDictionary<int, SeenCall> Calls,
    DateTimeOffset ReceivedAt)
{
    public static HallView From(HallSnapshot snapshot, DateTimeOffset receivedAt) => new(snapshot,
        snapshot.Windows.ToImmutableDictionary(w => w.No),
        ImmutableDictionary<int, long>.Empty,
        ImmutableDictionary<int, SeenCall>.Empty,
        receivedAt);

    public WindowInfo? Window(int no) => Windows.GetValueOrDefault(no);

    public HallView Apply(WindowChanged m)
    {
        int no = m.Window.No;
        if (m.Seq <= Snapshot.Seq || m.Seq < WindowSeq.GetValueOrDefault(no)) return this;
        return this with { Windows = Windows.SetItem(no, m.Window), WindowSeq = WindowSeq.SetItem(no, m.Seq) };
    }

    /// <summary>A call (or recall) makes the screen flash; the window's ticket becomes the called one.</summary>
    public HallView Apply(TicketCalled m, DateTimeOffset seenAt)
    {
        if (m.Seq <= Snapshot.Seq) return this;
        var window = Window(m.WindowNo) ?? new WindowInfo(m.WindowNo, m.WindowName ?? $"{m.WindowNo}号窗口", "open", null);
        if (m.Seq < WindowSeq.GetValueOrDefault(m.WindowNo)) return this with { Calls = Calls.SetItem(m.WindowNo, new(m.TicketNumber, seenAt)) };
        return this with
        {
            Windows = Windows.SetItem(m.WindowNo, window with { Current = new CurrentTicket(m.TicketNumber, "called", m.At) }),
            Calls = Calls.SetItem(m.WindowNo, new SeenCall(m.TicketNumber, seenAt)),
        };
    }

    /// <summary>
    /// Opening hours from the hall's own time zone, hours and days (the domain's own rule), so
    /// screens dim on time without a message. Holidays are not in the hours: when the silo said
    /// "closed" while the hours said "open", the hall stays closed for the rest of that local day.
    /// Without hours or a known time zone the snapshot's isOpenNow decides.
    /// </summary>
    public bool IsOpenAt(DateTimeOffset now)
    {
        if (Snapshot.Hours is not { } h || !TryZone(Snapshot.TimeZone, out var zone)) return Snapshot.IsOpenNow;
        if (HoursSayOpen(h, zone, now) is not { } open) return Snapshot.IsOpenNow;
        bool closedDay = !Snapshot.IsOpenNow && HoursSayOpen(h, zone, ReceivedAt) == true
            && TimeZoneInfo.ConvertTime(ReceivedAt, zone).Date == TimeZoneInfo.ConvertTime(now, zone).Date;
        return open && !closedDay;
    }

    static bool? HoursSayOpen(HallHours h, TimeZoneInfo zone, DateTimeOffset at)
    {
        if (!TimeOnly.TryParse(h.Open, out var open) || !TimeOnly.TryParse(h.Close, out var close)) return null;
        var hours = new OpeningHours { Open = open, Close = close, LunchService = h.LunchService, Days = h.Days ?? [1, 2, 3, 4, 5, 6, 7] };
        if (TimeOnly.TryParse(h.LunchStart, out var ls) && TimeOnly.TryParse(h.LunchEnd, out var le)) hours = hours with { LunchStart = ls, LunchEnd = le };
        return hours.IsOpenAt(TimeZoneInfo.ConvertTime(at, zone).DateTime);
    }

    static bool TryZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrEmpty(id)) return false;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(id); return true; }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return false; }
    }
}
