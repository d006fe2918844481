namespace Queue.Hall.Events;

/// <summary>A called resident did not come (过号).</summary>
public sealed record TicketMarkedNoShow(string TicketId, int WindowNo, DateTimeOffset At) : HallEvent(At);
