namespace Queue.Hall.Events;

/// <summary>恢复服务.</summary>
public sealed record WindowResumed(int WindowNo, DateTimeOffset At) : HallEvent(At);
