namespace Queue.Hall.Events;

/// <summary>A ticket was withdrawn (取消).</summary>
public sealed record TicketCancelled(string TicketId, DateTimeOffset At) : HallEvent(At);
