namespace Queue.Hall.Events;

/// <summary>A clerk signed in and opened the window.</summary>
public sealed record WindowOpened(int WindowNo, string ClerkId, DateTimeOffset At) : HallEvent(At);
