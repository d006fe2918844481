namespace Queue.Hall.Events;

/// <summary>
/// In a cluster, a hall activated moments after another silo last wrote it: this activation takes the next seq before
/// anything else, so an activation the silo before still runs (a silo that stalled past its death declaration and woke)
/// finds its next append refused by the log's (hall, seq) key, whatever it decides. Changes nothing in the hall.
/// </summary>
public sealed record HallTakenOver(DateTimeOffset At) : HallEvent(At);
