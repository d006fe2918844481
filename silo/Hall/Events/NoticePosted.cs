namespace Queue.Hall.Events;

/// <summary>A manager posted a notice for the hall screens (empty text clears it).</summary>
public sealed record NoticePosted(string Text, DateTimeOffset At) : HallEvent(At);
