namespace Queue.Hall;

/// <summary>A category's queue as the screens show it; <see cref="Wait"/> is what a ticket taken now would wait.</summary>
public sealed record CategoryLoad(string Code, int Waiting, int LongestWaitSeconds, WaitEstimate Wait, int OpenWindows, int PausedWindows,
    int? DailyLimit, int? LeftToday);

/// <summary>An estimated wait: minutes, never more than are left until today's closing (null: no window open for it), and
/// whether the wait runs past closing (超过今日办公时间), where a number of minutes would mean nothing.</summary>
public readonly record struct WaitEstimate(int? Minutes, bool BeyondClosing);

/// <summary>Read-only questions about the hall: positions and waits. Computed from the state, never stored.</summary>
public sealed partial class HallState
{
    /// <summary>How many tickets will be called before this one in its own category (or at its window).</summary>
    public int PeopleAhead(Ticket t, DateTimeOffset now)
    {
        if (t.Status != TicketStatus.Waiting) return 0;
        var entry = new QueueEntry(t.QueueKey, t.Order);
        if (t.DirectedWindow is int w)
        {
            var directed = Queues.Directed(w)!;
            return CountBefore(directed, new QueueEntry(t.Priority == Priority.Green ? 0 : 1, t.Order));
        }
        var lanes = Queues.Category(t.CategoryCode);
        return t.Priority switch
        {
            Priority.Green when !t.Away => CountBefore(lanes.Green, entry),
            Priority.Appointment when !t.Away => lanes.Green.Count + CountBefore(lanes.Appointment, entry),
            // Remote tickets not yet here keep their places: whoever took a number after one still has it ahead.
            _ => lanes.Green.Count + DueAppointments(lanes, now) + CountBefore(lanes.Normal, entry) + CountBefore(lanes.Aside, entry),
        };
    }

    /// <summary>Minutes until called, from recent service times and the windows open for the category; null when none is open.
    /// Past closing the count stops at the minutes left, and says so (unless <paramref name="untilClosing"/> is false: hours ignored).</summary>
    public WaitEstimate EstimatedWait(string category, int peopleAhead, DateTimeOffset now, bool untilClosing = true)
    {
        var open = WindowsFor(category, WindowState.Open);
        if (open == 0) return new(null, false);
        var minutes = (int)Math.Ceiling(peopleAhead * MeanServiceSeconds(category) / open / 60.0);
        if (!untilClosing) return new(minutes, false);
        var local = TimeZoneInfo.ConvertTime(now, Zone).DateTime;
        var left = (int)Math.Max(0, Math.Floor((local.Date + Config.Hours.Close.ToTimeSpan() - local).TotalMinutes));
        return minutes > left ? new(left, true) : new(minutes, false);
    }

    public int WindowsFor(string category, WindowState state)
    {
        var n = 0;
        foreach (var w in WindowsInOrder)
            if (w.State == state && w.CanServe(category)) n++;
        return n;
    }

    public CategoryLoad Load(string category, DateTimeOffset now)
    {
        var lanes = Queues.Category(category);
        DateTimeOffset? oldest = null;
        foreach (var lane in new[] { lanes.Green, lanes.Appointment, lanes.Normal })
            if (lane.Count > 0 && TicketByOrder(lane.Min.Order) is { } head && (oldest is null || head.IssuedAt < oldest))
                oldest = head.IssuedAt;
        var longest = oldest is { } o ? (int)Math.Max(0, (now - o).TotalSeconds) : 0;
        return new CategoryLoad(category, lanes.Waiting, longest, EstimatedWait(category, lanes.Waiting, now),
            WindowsFor(category, WindowState.Open), WindowsFor(category, WindowState.Paused),
            Config.Category(category)?.DailyLimit, Config.Category(category) is { } c ? LeftToday(c) : null);
    }

    public int WaitingTotal()
    {
        var n = 0;
        foreach (var c in Config.Categories) n += Queues.WaitingIn(c.Code);
        return n;
    }

    // A new ticket is the last of its lane: answering it must not walk the whole queue.
    private static int CountBefore(SortedSet<QueueEntry> lane, QueueEntry entry) =>
        lane.Count == 0 || entry.CompareTo(lane.Min) <= 0 ? 0
        : entry.CompareTo(lane.Max) == 0 ? lane.Count - 1
        : entry.CompareTo(lane.Max) > 0 ? lane.Count
        : lane.GetViewBetween(lane.Min, entry).Count - (lane.Contains(entry) ? 1 : 0);

    private static int DueAppointments(TicketQueues.Lanes lanes, DateTimeOffset now)
    {
        if (lanes.Appointment.Count == 0) return 0;
        var due = new QueueEntry((now + Dispatcher.AppointmentEarly).UtcTicks, long.MaxValue);
        return due.CompareTo(lanes.Appointment.Min) < 0 ? 0 : lanes.Appointment.GetViewBetween(lanes.Appointment.Min, due).Count;
    }

    /// <summary>Seats of a category's slot held by appointments not cancelled (a checked-in one still held its seat).</summary>
    public int SeatsTaken(string category, DateTimeOffset slotStart) =>
        _appointments.Values.Count(a => !a.Cancelled && a.SlotStart == slotStart && a.Route[0] == category);
}
