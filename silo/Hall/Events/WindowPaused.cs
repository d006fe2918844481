namespace Queue.Hall.Events;

/// <summary>暂停服务.</summary>
public sealed record WindowPaused(int WindowNo, DateTimeOffset At) : HallEvent(At);
