namespace Queue.Hall.Events;

/// <summary>The window called its current ticket again (重呼).</summary>
public sealed record TicketRecalled(string TicketId, int WindowNo, DateTimeOffset At) : HallEvent(At);
