using System.Text.Json.Serialization;
using Queue.Hall.Events;

namespace Queue.Hall;

/// <summary>A past call, for the screens' "last calls" list.</summary>
public sealed record CallRecord(long Seq, string TicketNumber, int WindowNo, string CategoryCode, DateTimeOffset At, bool IsRecall);

/// <summary>What an idempotency key already did: the ticket and window it acted on, for which command.
/// Keys recorded before commands were remembered have no command or fingerprint and match any retry.</summary>
public sealed record KeyedResult(string? TicketId, int? WindowNo, DateTimeOffset At, string? Command = null, string? Fingerprint = null)
{
    public bool IsFor(string command, string fingerprint) =>
        (Command is null || Command == command) && (Fingerprint is null || Fingerprint == fingerprint);
}

/// <summary>An appointment waiting to be checked in. <see cref="Name"/> and <see cref="Phone"/> are sealed, as booked.</summary>
public sealed record Appointment(string Code, IReadOnlyList<string> Route, IReadOnlyList<string> MatterIds, DateTimeOffset SlotStart, DateTimeOffset SlotEnd, bool Used)
{
    public bool Cancelled { get; init; }
    /// <summary>Used after its check-in window: the resident queued as a walk-in, and the appointment is still a no-show.</summary>
    public bool Late { get; init; }
    /// <summary>Recorded as a no-show (<see cref="Events.AppointmentMissed"/>).</summary>
    public bool Missed { get; init; }
    /// <summary>Neither cancelled, checked in on time nor yet recorded as a no-show: kept past its day until it is one of them.
    /// (An appointment used before <see cref="Late"/> was kept counts as checked in.)</summary>
    [JsonIgnore] public bool Pending => !Cancelled && !Missed && (!Used || Late);
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PhoneKey { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Channel { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Phone { get; init; }
}

/// <summary>
/// Everything a hall knows: its windows, today's tickets and their queues. It changes only in
/// <see cref="Apply"/>, so it is rebuilt exactly by replaying events; deciding never mutates it.
/// Only the hall's own grain touches an instance, one call at a time.
/// </summary>
public sealed partial class HallState
{
    public const int RecentCallsKept = 10;

    private readonly Dictionary<int, Window> _windows = [];
    private readonly List<Ticket> _tickets = [];          // today's, by arrival order (Order = index + 1)
    private readonly Dictionary<string, Ticket> _byId = [];
    private readonly Dictionary<string, Ticket> _byNumber = [];
    private readonly Dictionary<string, Ticket> _byArrivalCode = [];   // today's remote tickets, by their check-in code
    private readonly Dictionary<string, int> _dailySeq = [];
    private readonly Dictionary<string, KeyedResult> _keys = [];
    private readonly Dictionary<string, Appointment> _appointments = [];
    private readonly LinkedList<CallRecord> _recentCalls = new();
    private readonly Dictionary<string, ServiceTimes> _serviceTimes = [];

    public HallState(HallConfig config)
    {
        Config = config;
        Zone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        foreach (var w in config.Windows)
            _windows[w.No] = new Window
            {
                No = w.No, Name = w.Name, Kind = w.Kind,
                Categories = [.. w.Categories], Prefers = [.. w.Prefers ?? []],
            };
        WindowsInOrder = [.. _windows.Values.OrderBy(w => w.No)];
    }

    public HallConfig Config { get; }
    public TimeZoneInfo Zone { get; }
    /// <summary>Number of events applied: the hall's position in its log.</summary>
    public long Seq { get; private set; }
    public DateOnly ServiceDate { get; private set; }
    public string Notice { get; private set; } = "";
    public TicketQueues Queues { get; } = new();
    public IReadOnlyList<Window> WindowsInOrder { get; }
    public IReadOnlyList<Ticket> Tickets => _tickets;
    public IEnumerable<CallRecord> RecentCalls => _recentCalls;
    public IReadOnlyDictionary<string, Appointment> Appointments => _appointments;

    public Window? Window(int no) => _windows.GetValueOrDefault(no);
    public Ticket? TicketById(string id) => _byId.GetValueOrDefault(id);
    public Ticket? TicketByNumber(string number) => _byNumber.GetValueOrDefault(number);
    public Ticket? TicketByArrivalCode(string code) => _byArrivalCode.GetValueOrDefault(code);
    public Ticket? TicketByOrder(long order) => _tickets[(int)order - 1];
    public Ticket? FindTicket(string idOrNumber) => TicketById(idOrNumber) ?? TicketByNumber(idOrNumber.ToUpperInvariant());
    public KeyedResult? KeyResult(string key) => _keys.GetValueOrDefault(key);
    public int NextDailySeq(string prefix) => _dailySeq.GetValueOrDefault(prefix) + 1;
    public long NextOrder => _tickets.Count + 1;
    public Ticket? CurrentAt(Window w) => w.CurrentTicketId is { } id ? _byId[id] : null;
    public DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
    public TimeOnly LocalTime(DateTimeOffset at) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
    public bool IsOpenAt(DateTimeOffset at) => Config.Hours.IsOpenAt(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
    public bool IsLunchBreak(DateTimeOffset at) => Config.Hours.IsLunchBreak(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>Numbers a category may still give today under its 限号, or null when it has no limit. Counted by prefix
    /// (one per category): the tickets that started there today.</summary>
    public int? LeftToday(Category c) => c.DailyLimit is int limit ? Math.Max(0, limit - _dailySeq.GetValueOrDefault(c.Prefix)) : null;

    /// <summary>Mean service seconds of a category's recent completions, or its configured default.</summary>
    public double MeanServiceSeconds(string category) =>
        _serviceTimes.TryGetValue(category, out var s) && s.Count > 0
            ? s.Mean
            : (Config.Category(category)?.DefaultServiceMinutes ?? 8) * 60.0;
}
