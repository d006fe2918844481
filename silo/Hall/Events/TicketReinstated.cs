namespace Queue.Hall.Events;

/// <summary>A no-show came back and was put near the head of the queue, once (恢复过号). Who is <see cref="HallEvent.By"/>,
/// as for <see cref="TicketCancelled"/>.</summary>
public sealed record TicketReinstated(string TicketId, DateTimeOffset At) : HallEvent(At);
