namespace Queue.Hall.Events;

/// <summary>A resident took a number (取号).</summary>
public sealed record TicketIssued(
    string TicketId, string Number, string Prefix, int DailySeq, IReadOnlyList<string> Route,
    IReadOnlyList<string> MatterIds, string? BundleId, Priority Priority, string? GreenReason,
    string? AppointmentCode, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, string? KioskId,
    DateTimeOffset At) : HallEvent(At);
