namespace Queue.Hall;

/// <summary>A request to change a hall. <see cref="Key"/> makes retries act once (idempotency key).</summary>
public abstract record HallCommand
{
    public string? Key { get; init; }
    /// <summary>Who asks, for the audit: "user:{name}", "device:{id}" or "resident". Stamped on every event it causes.</summary>
    public string? By { get; init; }
    /// <summary>Why, where the actor said (a priority change, a transfer, a staff cancel). Stamped on its events.</summary>
    public string? Why { get; init; }
    /// <summary>The clerk acting at a window. Set for clerks only: a clerk acts only at the window they opened, and
    /// opens windows only under their own 工号; managers act at any window (a clerk who left one open).</summary>
    public string? Clerk { get; init; }
}

/// <summary>取号. Exactly one of category, matters, bundle or appointment code names what the resident came for.
/// The ticket id is chosen by the caller (random, unguessable) so deciding stays pure.</summary>
public sealed record IssueTicket(
    string NewTicketId, string? CategoryCode = null, IReadOnlyList<string>? MatterIds = null, string? BundleId = null,
    string? AppointmentCode = null, Priority Priority = Priority.Normal, string? GreenReason = null,
    string? KioskId = null, bool IgnoreOpeningHours = false) : HallCommand
{
    /// <summary>线上取号 from the phone (see <see cref="RemoteTaking"/>), with the check-in code the caller drew for it.</summary>
    public bool Remote { get; init; }
    public string? NewArrivalCode { get; init; }
}

/// <summary>A remote ticket's resident is in the hall (<see cref="Via"/>: "kiosk" or "door"); the caller checked how.</summary>
public sealed record ArriveTicket(string TicketRef, string Via) : HallCommand;

public sealed record OpenWindow(int WindowNo, string ClerkId) : HallCommand;
public sealed record CloseWindow(int WindowNo) : HallCommand;
public sealed record PauseWindow(int WindowNo) : HallCommand;
public sealed record ResumeWindow(int WindowNo) : HallCommand;
public sealed record CallNext(int WindowNo) : HallCommand;
public sealed record Recall(int WindowNo) : HallCommand;
public sealed record StartService(int WindowNo) : HallCommand;
public sealed record CompleteService(int WindowNo) : HallCommand;
/// <summary>办结并叫下一位: <see cref="CompleteService"/>, then <see cref="CallNext"/> on the hall as it then is (see <see cref="Decide.FollowUp"/>).</summary>
public sealed record CompleteAndCallNext(int WindowNo) : HallCommand;
public sealed record MarkNoShow(int WindowNo) : HallCommand;
public sealed record ParkTicket(int WindowNo) : HallCommand;
/// <summary>Resume a ticket parked at this window; the oldest parked one when no number is given.</summary>
public sealed record ResumeParked(int WindowNo, string? Number = null) : HallCommand;
/// <summary>Send the window's current ticket to another category or to one named window.</summary>
public sealed record TransferTicket(int WindowNo, string? ToCategory, int? ToWindowNo, string? Reason) : HallCommand;
/// <summary>过号恢复 from a clerk's console: a no-show of today, named by its number, back near the head of its queue.</summary>
public sealed record ReinstateNoShow(int WindowNo, string? Number) : HallCommand;
/// <summary>A manager closes a window whatever it holds; its called or served ticket goes back to the head of its queue.</summary>
public sealed record ForceCloseWindow(int WindowNo, string? Reason) : HallCommand;

/// <summary>A ticket named by its secret id or by today's number.</summary>
public sealed record CancelTicket(string TicketRef) : HallCommand;
public sealed record ReinstateTicket(string TicketRef) : HallCommand;
public sealed record ChangePriority(string TicketRef, Priority Priority, string Reason, string? ManagerId = null) : HallCommand;

public sealed record ChangeWindowCategories(int WindowNo, IReadOnlyList<string> Categories, IReadOnlyList<string> Prefers, string? ManagerId = null) : HallCommand;
public sealed record PostNotice(string Text) : HallCommand;
/// <summary>预约. <see cref="Name"/> and <see cref="Phone"/> are the resident's, sealed (encrypted) by the caller: the hall
/// keeps and returns them and never reads them.</summary>
public sealed record BookAppointment(
    string NewCode, string? CategoryCode, IReadOnlyList<string>? MatterIds, DateTimeOffset SlotStart, DateTimeOffset SlotEnd,
    string? Name = null, string? Phone = null, bool IgnoreOpeningHours = false) : HallCommand;

/// <summary>好差评 of a ticket's latest finished step, by the resident's phone (<see cref="EvaluatorWindow"/> null) or by the
/// evaluator facing the window that served it. <see cref="Grade"/>: 5 非常满意 … 1 非常不满意 (see <see cref="RatingScheme"/>).</summary>
public sealed record RateService(string TicketId, int Grade, IReadOnlyList<string> Tags, string? Comment, int? EvaluatorWindow = null) : HallCommand;

/// <summary>预约 by a resident or an integration, on one of the hall's slots (<see cref="Slots"/>), within its capacity.
/// <see cref="PhoneKey"/> is a keyed hash of the phone, so the hall tells one booking per matter, phone and day without
/// reading the number; <see cref="Name"/> and <see cref="Phone"/> are sealed as in <see cref="BookAppointment"/>.</summary>
public sealed record BookSlot(
    string NewCode, string? CategoryCode, IReadOnlyList<string>? MatterIds, string? BundleId, DateTimeOffset SlotStart,
    string PhoneKey, string Phone, string? Name = null, string Channel = "resident") : HallCommand;

/// <summary>爽约: records every appointment whose check-in window has closed without a check-in or a cancel as a no-show.</summary>
public sealed record RecordNoShows : HallCommand;

/// <summary>Cancels a booked appointment not yet checked in (the caller has checked the phone's last four digits).</summary>
public sealed record CancelAppointment(string Code) : HallCommand;
