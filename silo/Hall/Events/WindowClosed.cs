namespace Queue.Hall.Events;

/// <summary>The window closed; tickets parked at or directed to it go back to their queue.</summary>
public sealed record WindowClosed(int WindowNo, DateTimeOffset At) : HallEvent(At);
