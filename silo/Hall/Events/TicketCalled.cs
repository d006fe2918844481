namespace Queue.Hall.Events;

/// <summary>A window called a ticket (叫号).</summary>
public sealed record TicketCalled(string TicketId, int WindowNo, string? ClerkId, DateTimeOffset At) : HallEvent(At);
