namespace Queue.Hall.Events;

/// <summary>A parked ticket is served again at the window that parked it.</summary>
public sealed record TicketResumed(string TicketId, int WindowNo, DateTimeOffset At) : HallEvent(At);
