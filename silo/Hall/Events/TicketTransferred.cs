namespace Queue.Hall.Events;

/// <summary>A ticket moved to another category or to one named window, keeping its arrival order (转移).</summary>
public sealed record TicketTransferred(
    string TicketId, int? FromWindowNo, string? ToCategory, int? ToWindowNo, string? Reason, DateTimeOffset At) : HallEvent(At);
