using System.Text.Json.Serialization;
using Queue.Hall;

namespace Queue.Contracts;

// Wire shapes for the API and the hub (docs/api.md). Kept apart from the domain so a field can be added
// here without touching the state; public ones never carry a ticket's secret id.

/// <summary>A message to a hall's screens: numbered 1, 2, 3 … by the silo sending the hall's messages, so a screen that
/// sees a number skipped (the backplane lost one) fetches the state. Null where no number applies (a REST answer, the
/// state sent on joining).</summary>
public abstract record ScreenMessage
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MessageNo { get; init; }
}

public sealed record HoursView(string Open, string Close, string LunchStart, string LunchEnd, bool LunchService, IReadOnlyList<int> Days);
/// <summary>A category's queue. <see cref="OpenWindows"/> counts windows open and serving it (paused ones are in
/// <see cref="PausedWindows"/>). <see cref="DailyLimit"/> is the hall's 限号 (null: unlimited) and <see cref="LeftToday"/>
/// the numbers still to give today (0: 今日号已取完). <see cref="EstimatedWaitMinutes"/> for a new ticket never exceeds the
/// minutes left until closing: <see cref="BeyondClosing"/> says it runs past them (超过今日办公时间).</summary>
public sealed record CategoryView(string Code, string Name, string Prefix, int TargetWaitMinutes, int Waiting, int LongestWaitSeconds, int? EstimatedWaitMinutes, int OpenWindows,
    int? DailyLimit, int? LeftToday, bool BeyondClosing, int PausedWindows);
public sealed record MatterView(string Id, string Name, string CategoryCode, string? Department);
public sealed record BundleView(string Id, string Name, IReadOnlyList<string> MatterIds, IReadOnlyList<string> Route);
public sealed record CurrentTicketView(string Number, TicketStatus Status, string CategoryCode, string CategoryName, IReadOnlyList<string> Matters, DateTimeOffset? CalledAt, DateTimeOffset? StartedAt);
public sealed record ParkedView(string Number);
public sealed record WindowView(int No, string Name, WindowKind Kind, WindowState State, string? ClerkId, IReadOnlyList<string> Categories,
    IReadOnlyList<string> Prefers, CurrentTicketView? Current, IReadOnlyList<ParkedView> Parked, int ServedToday, int MeanServiceSeconds, DateTimeOffset? StateSince);
public sealed record CallView(long Seq, string TicketNumber, int WindowNo, string WindowName, string CategoryCode, string CategoryName, string Announcement, DateTimeOffset At, bool IsRecall) : ScreenMessage
{
    /// <summary>On the hub, the called window as the call left it (what a WindowChanged would carry, which then is not
    /// sent for it): a call reaches a screen as one frame. Null in a hall's recent calls, and on a call followed by another
    /// to the same window in one commit (the later one carries it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WindowView? Window { get; init; }
}
public sealed record HallStateView(string HallId, string Name, long Seq, DateOnly ServiceDate, string TimeZone, bool IsOpenNow, HoursView Hours,
    IReadOnlyList<CategoryView> Categories, IReadOnlyList<MatterView> Matters, IReadOnlyList<BundleView> Bundles, IReadOnlyList<WindowView> Windows,
    IReadOnlyList<CallView> RecentCalls, string Notice, int WaitingTotal) : ScreenMessage
{
    /// <summary>线上取号: the estimated wait from which a category offers it (/take/{hallId}); absent when the hall does not.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? RemoteMinWaitMinutes { get; init; }
}
/// <summary>A hall in the list: <see cref="OpenWindows"/> serving now, <see cref="PausedWindows"/> signed in but paused (暂停).</summary>
public sealed record HallSummaryView(string Id, string Name, int WindowCount, int OpenWindows, int Waiting, int PausedWindows);
public sealed record NamedView(string Id, string Name);
public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End);
/// <summary>One step of a ticket's route: its category and the kind of window that serves it (result = 出件窗口).</summary>
public sealed record RouteStepView(string CategoryCode, string CategoryName, WindowKind WindowKind);
/// <summary>A ticket. <see cref="Number"/> is the ticket's own number for its whole life (A002, its first step's prefix is
/// <see cref="NumberPrefix"/>); <see cref="Prefix"/> and <see cref="CategoryCode"/> are the current step's. <see cref="Route"/>
/// lists every step in order; <see cref="BeyondClosing"/>: the estimate runs past today's closing.
/// <see cref="Id"/> (its secret) and <see cref="StatusUrl"/> go only to the resident's own kiosk and phone,
/// never to staff (<see cref="ForStaff"/>) nor to any public view.</summary>
public sealed record TicketView([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id, string HallId, string Number, TicketStatus Status, string CategoryCode, string CategoryName, string Prefix,
    IReadOnlyList<NamedView> Matters, NamedView? Bundle, Priority Priority, string? GreenReason, SlotView? AppointmentSlot, DateTimeOffset IssuedAt,
    int PeopleAhead, int? EstimatedWaitMinutes, int? WindowNo, string? WindowName, DateTimeOffset? CalledAt, int Step, int Steps,
    IReadOnlyList<RouteStepView> Route, bool BeyondClosing, string NumberPrefix,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatusUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PrintView? Print = null)
{
    /// <summary>Checked in with an appointment code past its check-in window: queued as a walk-in (the kiosk says why).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool LateForAppointment { get; init; }
    /// <summary>Taken from the phone (线上取号): called only once <see cref="ArrivedAt"/> is set (checked in at the hall).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool Remote { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? ArrivedAt { get; init; }
    /// <summary>A remote ticket's code for the kiosk's 预约签到, to its holder only (like <see cref="Id"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ArrivalCode { get; init; }
    /// <summary>The step its resident may rate now (好差评), if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public RateableStepView? Rateable { get; init; }
    public TicketView ForStaff() => this with { Id = null, StatusUrl = null, Print = null, ArrivalCode = null };
}
/// <summary>GET /api/halls/{hallId}/arrival-code: the door's check-in code for the kiosk to show, its page (relative to the
/// public address) and when the next one replaces it.</summary>
public sealed record DoorCodeView(string Code, string Url, DateTimeOffset ValidUntil);
/// <summary>A category's queue on the hub (QueueChanged): the fields of <see cref="CategoryView"/> that change.</summary>
public sealed record CategoryLoadView(string Code, int Waiting, int LongestWaitSeconds, int? EstimatedWaitMinutes, int OpenWindows,
    int? DailyLimit, int? LeftToday, bool BeyondClosing, int PausedWindows);
public sealed record QueueView(long Seq, IReadOnlyList<CategoryLoadView> Categories, int WaitingTotal) : ScreenMessage;
public sealed record WindowChangedView(long Seq, WindowView Window) : ScreenMessage;
public sealed record NoticeView(long Seq, string Text, DateTimeOffset At) : ScreenMessage;
public sealed record WindowActionView(WindowView Window, TicketView? Ticket);

/// <summary>
/// To the clerk console of one window (role=window&amp;window=n): the called resident has not come.
/// <see cref="Kind"/> is "recall" (remind to 重呼) or "no-show" (offer 过号).
/// </summary>
public sealed record WindowReminderView(int WindowNo, string TicketNumber, string Kind, int SecondsSinceCall, string Message, DateTimeOffset At);
