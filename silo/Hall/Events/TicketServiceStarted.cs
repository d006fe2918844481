namespace Queue.Hall.Events;

/// <summary>The resident sat down and service began (开始办理).</summary>
public sealed record TicketServiceStarted(string TicketId, int WindowNo, DateTimeOffset At) : HallEvent(At);
