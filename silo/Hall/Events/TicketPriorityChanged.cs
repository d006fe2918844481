namespace Queue.Hall.Events;

/// <summary>A manager changed a ticket's priority, with the reason given.</summary>
public sealed record TicketPriorityChanged(string TicketId, Priority Priority, string Reason, string? ManagerId, DateTimeOffset At) : HallEvent(At);
