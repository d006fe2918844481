namespace Queue.Hall.Events;

/// <summary>The window finished its step (办结); a route continues to its next category by itself.</summary>
public sealed record TicketCompleted(string TicketId, int WindowNo, DateTimeOffset At) : HallEvent(At);
