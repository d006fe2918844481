namespace Queue.Hall;

/// <summary>A window's live part, as saved in a snapshot.</summary>
public sealed record WindowSnapshot(
    int No, List<string> Categories, List<string> Prefers, WindowState State, string? ClerkId,
    DateTimeOffset? StateSince, string? CurrentTicketId, int ServedToday, double ServiceSecondsToday, int GreenCalls = 0, int AppointmentCalls = 0);

/// <summary>The whole state at one seq, so a restart replays only the events after it.</summary>
public sealed record HallSnapshot(
    long Seq, DateOnly ServiceDate, string Notice, List<Ticket> Tickets, List<WindowSnapshot> Windows,
    Dictionary<string, int> DailySeq, Dictionary<string, KeyedResult> Keys, List<Appointment> Appointments,
    List<CallRecord> RecentCalls, Dictionary<string, double[]> ServiceTimes);

public sealed partial class HallState
{
    public HallSnapshot ToSnapshot() => new(
        Seq, ServiceDate, Notice, [.. _tickets],
        [.. WindowsInOrder.Select(w => new WindowSnapshot(w.No, w.Categories, w.Prefers, w.State, w.ClerkId, w.StateSince,
            w.CurrentTicketId, w.ServedToday, w.ServiceSecondsToday, w.GreenCalls, w.AppointmentCalls))],
        new(_dailySeq), new(_keys), [.. _appointments.Values], [.. _recentCalls],
        _serviceTimes.ToDictionary(p => p.Key, p => p.Value.ToArray()));

    public static HallState FromSnapshot(HallConfig config, HallSnapshot snap)
    {
        var s = new HallState(config) { Seq = snap.Seq, ServiceDate = snap.ServiceDate, Notice = snap.Notice };
        foreach (var t in snap.Tickets.OrderBy(t => t.Order))
        {
            s._tickets.Add(t);
            s._byId[t.Id] = t;
            s._byNumber[t.Number] = t;
            if (t.ArrivalCode is { } arrival) s._byArrivalCode[arrival] = t;
            if (t.Status == TicketStatus.Waiting) s.Queues.Add(t);
            if (t.Status == TicketStatus.Parked && t.WindowNo is int parkedAt && s.Window(parkedAt) is { } w) w.Parked.Add(t.Id);
        }
        // Windows built since the snapshot keep their configured defaults; removed ones are dropped.
        foreach (var ws in snap.Windows)
        {
            if (s.Window(ws.No) is not { } w) continue;
            w.Categories = ws.Categories;
            w.Prefers = ws.Prefers;
            w.State = ws.State;
            w.ClerkId = ws.ClerkId;
            w.StateSince = ws.StateSince;
            w.CurrentTicketId = ws.CurrentTicketId;
            w.ServedToday = ws.ServedToday;
            w.ServiceSecondsToday = ws.ServiceSecondsToday;
            w.GreenCalls = ws.GreenCalls;
            w.AppointmentCalls = ws.AppointmentCalls;
        }
        foreach (var (k, v) in snap.DailySeq) s._dailySeq[k] = v;
        foreach (var (k, v) in snap.Keys) s._keys[k] = v;
        foreach (var a in snap.Appointments) s._appointments[a.Code] = a;
        foreach (var c in snap.RecentCalls) s._recentCalls.AddLast(c);
        foreach (var (category, seconds) in snap.ServiceTimes)
        {
            var times = s._serviceTimes[category] = new ServiceTimes();
            foreach (var sec in seconds) times.Add(sec);
        }
        return s;
    }
}
