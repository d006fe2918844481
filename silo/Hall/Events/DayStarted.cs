namespace Queue.Hall.Events;

/// <summary>A new service day began in hall-local time: numbering restarts, unfinished tickets expire.</summary>
public sealed record DayStarted(DateOnly ServiceDate, DateTimeOffset At) : HallEvent(At);
