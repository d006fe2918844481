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
public sealed record CategoryView(string Code, string Name, string Prefix, int TargetWaitMinutes, int Waiting, int LongestWaitSeconds, int? EstimatedWaitMinutes, int OpenWindows);
public sealed record MatterView(string Id, string Name, string CategoryCode, string? Department);
public sealed record BundleView(string Id, string Name, IReadOnlyList<string> MatterIds, IReadOnlyList<string> Route);
public sealed record CurrentTicketView(string Number, TicketStatus Status, string CategoryCode, string CategoryName, IReadOnlyList<string> Matters, DateTimeOffset? CalledAt, DateTimeOffset? StartedAt);
public sealed record ParkedView(string Number);
public sealed record WindowView(int No, string Name, WindowKind Kind, WindowState State, string? ClerkId, IReadOnlyList<string> Categories,
    IReadOnlyList<string> Prefers, CurrentTicketView? Current, IReadOnlyList<ParkedView> Parked, int ServedToday, int MeanServiceSeconds, DateTimeOffset? StateSince);
public sealed record CallView(long Seq, string TicketNumber, int WindowNo, string WindowName, string CategoryCode, string CategoryName, string Announcement, DateTimeOffset At, bool IsRecall) : ScreenMessage;
public sealed record HallStateView(string HallId, string Name, long Seq, DateOnly ServiceDate, string TimeZone, bool IsOpenNow, HoursView Hours,
    IReadOnlyList<CategoryView> Categories, IReadOnlyList<MatterView> Matters, IReadOnlyList<BundleView> Bundles, IReadOnlyList<WindowView> Windows,
    IReadOnlyList<CallView> RecentCalls, string Notice, int WaitingTotal) : ScreenMessage;
public sealed record HallSummaryView(string Id, string Name, int WindowCount, int OpenWindows, int Waiting);
public sealed record NamedView(string Id, string Name);
public sealed record SlotView(DateTimeOffset Start, DateTimeOffset End);
/// <summary>A ticket. <see cref="Id"/> (its secret) and <see cref="StatusUrl"/> go only to the resident's own kiosk and phone,
/// never to staff (<see cref="ForStaff"/>) nor to any public view.</summary>
public sealed record TicketView([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id, string HallId, string Number, TicketStatus Status, string CategoryCode, string CategoryName, string Prefix,
    IReadOnlyList<NamedView> Matters, NamedView? Bundle, Priority Priority, string? GreenReason, SlotView? AppointmentSlot, DateTimeOffset IssuedAt,
    int PeopleAhead, int? EstimatedWaitMinutes, int? WindowNo, string? WindowName, DateTimeOffset? CalledAt, int Step, int Steps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatusUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PrintView? Print = null)
{
    public TicketView ForStaff() => this with { Id = null, StatusUrl = null, Print = null };
}
public sealed record CategoryLoadView(string Code, int Waiting, int LongestWaitSeconds, int? EstimatedWaitMinutes, int OpenWindows);
public sealed record QueueView(long Seq, IReadOnlyList<CategoryLoadView> Categories, int WaitingTotal) : ScreenMessage;
public sealed record WindowChangedView(long Seq, WindowView Window) : ScreenMessage;
public sealed record NoticeView(long Seq, string Text, DateTimeOffset At) : ScreenMessage;
public sealed record WindowActionView(WindowView Window, TicketView? Ticket);

/// <summary>
/// To the clerk console of one window (role=window&amp;window=n): the called resident has not come.
/// <see cref="Kind"/> is "recall" (remind to 重呼) or "no-show" (offer 过号).
/// </summary>
public sealed record WindowReminderView(int WindowNo, string TicketNumber, string Kind, int SecondsSinceCall, string Message, DateTimeOffset At);
