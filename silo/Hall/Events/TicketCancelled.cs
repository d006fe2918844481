namespace Queue.Hall.Events;

/// <summary>A ticket was withdrawn (取消). Who withdrew it is <see cref="HallEvent.By"/>: logs written before it was
/// there stored "by" on this event, and it reads back into the same property.</summary>
public sealed record TicketCancelled(string TicketId, DateTimeOffset At) : HallEvent(At);
