namespace Queue.Hall.Events;

/// <summary>
/// 好差评: the resident rated one finished service step (一次一评), at the window's evaluator or on the phone. It carries
/// who served and where, so the rating stays with that step, clerk and window after the ticket's day is gone.
/// <see cref="Channel"/> is "evaluator" or "phone".
/// </summary>
public sealed record ServiceRated(
    string TicketId, string Number, int Step, string CategoryCode, IReadOnlyList<string> MatterIds, string? BundleId,
    int WindowNo, string? ClerkId, int Grade, IReadOnlyList<string> Tags, string? Comment, string Channel,
    DateTimeOffset ServedAt, DateTimeOffset At) : HallEvent(At);
