namespace Queue.Hall.Events;

/// <summary>Service paused while the resident fetches a missing document (挂起).</summary>
public sealed record TicketParked(string TicketId, int WindowNo, DateTimeOffset At) : HallEvent(At);
