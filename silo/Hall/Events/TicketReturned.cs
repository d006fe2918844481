namespace Queue.Hall.Events;

/// <summary>A manager closed the window a ticket was called to or served at: it waits again at the head of its queue.</summary>
public sealed record TicketReturned(string TicketId, int WindowNo, DateTimeOffset At) : HallEvent(At);
