using System.Text.Json.Serialization;

namespace Queue.Hall.Events;

/// <summary>
/// Something that happened in a hall. Stored by its discriminator name: those names are a contract
/// (add new ones, never rename). <see cref="Key"/> is the idempotency key of the command that caused it;
/// <see cref="Command"/> and <see cref="Fingerprint"/> say which request that was (absent in logs written before them).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DayStarted), "DayStarted")]
[JsonDerivedType(typeof(TicketIssued), "TicketIssued")]
[JsonDerivedType(typeof(TicketCalled), "TicketCalled")]
[JsonDerivedType(typeof(TicketRecalled), "TicketRecalled")]
[JsonDerivedType(typeof(TicketServiceStarted), "TicketServiceStarted")]
[JsonDerivedType(typeof(TicketCompleted), "TicketCompleted")]
[JsonDerivedType(typeof(TicketMarkedNoShow), "TicketMarkedNoShow")]
[JsonDerivedType(typeof(TicketReinstated), "TicketReinstated")]
[JsonDerivedType(typeof(TicketParked), "TicketParked")]
[JsonDerivedType(typeof(TicketResumed), "TicketResumed")]
[JsonDerivedType(typeof(TicketTransferred), "TicketTransferred")]
[JsonDerivedType(typeof(TicketCancelled), "TicketCancelled")]
[JsonDerivedType(typeof(TicketPriorityChanged), "TicketPriorityChanged")]
[JsonDerivedType(typeof(WindowOpened), "WindowOpened")]
[JsonDerivedType(typeof(WindowClosed), "WindowClosed")]
[JsonDerivedType(typeof(WindowPaused), "WindowPaused")]
[JsonDerivedType(typeof(WindowResumed), "WindowResumed")]
[JsonDerivedType(typeof(WindowCategoriesChanged), "WindowCategoriesChanged")]
[JsonDerivedType(typeof(NoticePosted), "NoticePosted")]
[JsonDerivedType(typeof(AppointmentBooked), "AppointmentBooked")]
[JsonDerivedType(typeof(TicketReturned), "TicketReturned")]
[JsonDerivedType(typeof(ServiceRated), "ServiceRated")]
[JsonDerivedType(typeof(AppointmentCancelled), "AppointmentCancelled")]
[JsonDerivedType(typeof(HallTakenOver), "HallTakenOver")]
[JsonDerivedType(typeof(TicketArrived), "TicketArrived")]
[JsonDerivedType(typeof(AppointmentMissed), "AppointmentMissed")]
public abstract record HallEvent(DateTimeOffset At)
{
    public string? Key { get; init; }
    /// <summary>The kind of command the key was used for, e.g. "IssueTicket".</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Command { get; init; }
    /// <summary><see cref="CommandFingerprint"/> of that command.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Fingerprint { get; init; }
    /// <summary>Who caused it (<see cref="HallCommand.By"/>); absent for what the hall did by itself (DayStarted, an
    /// auto-call after a ticket is issued) and in older logs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? By { get; init; }
    /// <summary>Why, where the actor said.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Why { get; init; }
}
