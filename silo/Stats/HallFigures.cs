using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Stats;

/// <summary>
/// The figures projection: a fold over one hall's events, in log order, into the figures of each hall-local day
/// (<see cref="DayFigures"/>). Pure: no clock, no storage. Its rules, which the statistics API documents:
/// a step's wait runs from joining its queue (taking the number, the previous step finishing, a transfer after a call)
/// to its first call, so a recall or a call after 过号 adds none; its service runs from the call (or the start of
/// service) to 办结. A ticket counts as issued under its first step's category; 过号, cancelling and 办结 count where
/// the step was then. Ratings count on the day given.
/// </summary>
public sealed class HallFigures
{
    private readonly HallConfig _config;
    private readonly TimeZoneInfo _zone;
    private readonly Dictionary<string, TicketTrack> _tickets;
    private readonly Dictionary<int, string> _clerks;
    private readonly List<FigureCell> _cells = [];

    public HallFigures(HallConfig config, FiguresCarry? carry = null)
    {
        _config = config;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        _tickets = carry?.Tickets.ToDictionary(t => t.Key, t => t.Value.Copy()) ?? [];
        _clerks = carry?.Clerks.ToDictionary() ?? [];
        if (carry?.Date is { } date) Today = new DayFigures { Date = date };
    }

    /// <summary>The day events are counted in now; null before the first event.</summary>
    public DayFigures? Today { get; private set; }

    /// <summary>What a day's figures need from before it (tickets still at a window, who is signed in at which):
    /// taken right after a <see cref="DayStarted"/>, it and the events after it rebuild the projection.</summary>
    public FiguresCarry Carry() =>
        new(Today?.Date, _tickets.ToDictionary(t => t.Key, t => t.Value.Copy()), _clerks.ToDictionary());

    /// <summary>Counts one event; answers the previous day's figures when this event starts a new day.</summary>
    public DayFigures? Apply(HallEvent e)
    {
        DayFigures? finished = null;
        if (e is DayStarted d)
        {
            if (Today?.Date != d.ServiceDate)
            {
                finished = Today;
                Today = new DayFigures { Date = d.ServiceDate };
            }
            // Only tickets held at a window live on into the new day (the waiting expire, as in the hall).
            foreach (var id in _tickets.Where(t => t.Value.WindowNo is null).Select(t => t.Key).ToList()) _tickets.Remove(id);
            return finished;
        }
        var day = Today ??= new DayFigures { Date = DateOnly.FromDateTime(Local(e.At)) };
        switch (e)
        {
            case TicketIssued i: Issue(day, i); break;
            // 线上取号: the hall's wait, and the arrival it counts, start when the resident checks in, not at home.
            case TicketArrived a when _tickets.TryGetValue(a.TicketId, out var t) && t.WaitSeconds is null:
                t.QueuedAt = a.At;
                day.Arrivals[HalfHour(a.At)]++;
                break;
            case TicketCalled c when _tickets.TryGetValue(c.TicketId, out var t): Call(day, t, c); break;
            case TicketServiceStarted s when _tickets.TryGetValue(s.TicketId, out var t): t.StartedAt = s.At; break;
            case TicketCompleted c when _tickets.TryGetValue(c.TicketId, out var t): Complete(day, c.TicketId, t, c); break;
            case TicketMarkedNoShow n when _tickets.TryGetValue(n.TicketId, out var t):
                foreach (var cell in Cells(day, t, n.WindowNo)) cell.NoShow++;
                LeaveWindow(t);
                break;
            case TicketReturned r when _tickets.TryGetValue(r.TicketId, out var t): LeaveWindow(t); break;
            case TicketTransferred x when _tickets.TryGetValue(x.TicketId, out var t): Transfer(t, x); break;
            case TicketCancelled c when _tickets.Remove(c.TicketId, out var t):
                foreach (var cell in Cells(day, t, t.WindowNo)) cell.Cancelled++;
                break;
            case ServiceRated r: Rate(day, r); break;
            case WindowOpened o: _clerks[o.WindowNo] = o.ClerkId; break;
            case WindowClosed c:
                _clerks.Remove(c.WindowNo);
                // What was parked there goes back to its queue (a ticket being served there was completed or returned first).
                foreach (var held in _tickets.Values.Where(t => t.WindowNo == c.WindowNo)) LeaveWindow(held);
                break;
        }
        return finished;
    }

    private void Issue(DayFigures day, TicketIssued i)
    {
        if (i.Route.Count == 0) return;
        var t = new TicketTrack { Route = [.. i.Route], MatterIds = [.. i.MatterIds], QueuedAt = i.At };
        _tickets[i.TicketId] = t;
        foreach (var cell in Cells(day, t, windowNo: null)) cell.Issued++;
        if (!i.Remote) day.Arrivals[HalfHour(i.At)]++;
    }

    private void Call(DayFigures day, TicketTrack t, TicketCalled c)
    {
        t.WindowNo = c.WindowNo;
        t.ClerkId = c.ClerkId ?? _clerks.GetValueOrDefault(c.WindowNo);
        t.CalledAt = c.At;
        t.StartedAt = null;
        if (t.WaitSeconds is not null) return;
        var wait = Seconds(c.At - t.QueuedAt);
        t.WaitSeconds = wait;
        foreach (var cell in Cells(day, t, c.WindowNo)) cell.Waits.Add(wait);
    }

    private void Complete(DayFigures day, string ticketId, TicketTrack t, TicketCompleted c)
    {
        var service = Seconds(c.At - (t.StartedAt ?? t.CalledAt ?? c.At));
        var target = _config.Category(t.Category)?.TargetWaitMinutes;
        var within = t.WaitSeconds is { } wait && target is { } minutes && wait <= minutes * 60;
        var local = Local(c.At);
        var lunch = IsLunchHour(local);
        var afterHours = IsAfterHours(local);
        foreach (var cell in Cells(day, t, c.WindowNo))
        {
            cell.Served++;
            cell.Services.Add(service);
            if (within) cell.WithinTarget++;
            if (lunch) cell.LunchHour++;
            if (afterHours) cell.AfterHours++;
        }
        day.Served[HalfHour(c.At)]++;
        if (t.Step + 1 < t.Route.Length)
        {
            t.Step++;
            Queue(t, c.At);
        }
        else _tickets.Remove(ticketId);
    }

    private static void Transfer(TicketTrack t, TicketTransferred x)
    {
        if (x.NextStep) t.Step = Math.Min(t.Step + 1, t.Route.Length - 1);
        else if (x.ToCategory is { } category) t.Route[t.Step] = category;
        // A transfer from the queue keeps the wait running; after a call (or to the next step) a new wait begins.
        if (x.NextStep || t.WaitSeconds is not null) Queue(t, x.At);
        else LeaveWindow(t);
    }

    private void Rate(DayFigures day, ServiceRated r)
    {
        _cells.Clear();
        _cells.Add(day.Totals);
        _cells.Add(day.Cell("category", r.CategoryCode));
        AddMatters(day, r.MatterIds);
        _cells.Add(day.Cell("window", Key(r.WindowNo)));
        _cells.Add(day.Cell("clerk", r.ClerkId ?? ""));
        foreach (var cell in _cells)
        {
            cell.Ratings++;
            if (r.Grade >= 3) cell.Satisfied++;
            if (RatingScheme.IsBad(r.Grade)) cell.Bad++;
        }
    }

    /// <summary>The rows an event about a ticket's current step counts in: the hall's, its category's, each of its matters',
    /// and, when at a window, that window's and its clerk's.</summary>
    private List<FigureCell> Cells(DayFigures day, TicketTrack t, int? windowNo)
    {
        _cells.Clear();
        _cells.Add(day.Totals);
        _cells.Add(day.Cell("category", t.Category));
        AddMatters(day, t.MatterIds);
        if (windowNo is int no)
        {
            _cells.Add(day.Cell("window", Key(no)));
            _cells.Add(day.Cell("clerk", t.ClerkId ?? ""));
        }
        return _cells;
    }

    private void AddMatters(DayFigures day, IReadOnlyList<string> matterIds)
    {
        if (matterIds.Count == 0) _cells.Add(day.Cell("matter", ""));
        foreach (var m in matterIds) _cells.Add(day.Cell("matter", m));
    }

    private static void Queue(TicketTrack t, DateTimeOffset at)
    {
        LeaveWindow(t);
        t.QueuedAt = at;
        t.WaitSeconds = null;
    }

    private static void LeaveWindow(TicketTrack t)
    {
        t.WindowNo = null;
        t.CalledAt = null;
        t.StartedAt = null;
    }

    private bool IsLunchHour(DateTime local)
    {
        var t = TimeOnly.FromDateTime(local);
        return IsOpenDay(local) && t >= _config.Hours.LunchStart && t < _config.Hours.LunchEnd;
    }

    private bool IsAfterHours(DateTime local)
    {
        var t = TimeOnly.FromDateTime(local);
        return !IsOpenDay(local) || t < _config.Hours.Open || t >= _config.Hours.Close;
    }

    /// <summary>A working day of the hall's calendar: its usual days, less its holidays, plus its extra workdays (调休).</summary>
    private bool IsOpenDay(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        if (_config.ExtraWorkdays.Contains(date)) return true;
        var iso = local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;
        return _config.Hours.Days.Contains(iso) && !_config.Holidays.Contains(date);
    }

    private DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).DateTime;
    private int HalfHour(DateTimeOffset at) => Local(at) is var l ? l.Hour * 2 + l.Minute / 30 : 0;
    private static int Seconds(TimeSpan span) => Math.Max(0, (int)Math.Round(span.TotalSeconds));
    internal static string Key(int windowNo) => windowNo.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What the projection remembers of a ticket still in the hall: its route, matters and where its step stands.</summary>
public sealed class TicketTrack
{
    public string[] Route { get; set; } = [];
    public string[] MatterIds { get; set; } = [];
    public int Step { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    /// <summary>The current step's wait, once it was first called.</summary>
    public int? WaitSeconds { get; set; }
    public int? WindowNo { get; set; }
    public string? ClerkId { get; set; }
    public DateTimeOffset? CalledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }

    [System.Text.Json.Serialization.JsonIgnore] public string Category => Route[Step];
    public TicketTrack Copy()
    {
        var copy = (TicketTrack)MemberwiseClone();
        copy.Route = [.. Route];
        return copy;
    }
}

/// <summary>See <see cref="HallFigures.Carry"/>.</summary>
public sealed record FiguresCarry(DateOnly? Date, Dictionary<string, TicketTrack> Tickets, Dictionary<int, string> Clerks);
