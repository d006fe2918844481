namespace Queue.Hall.Events;

/// <summary>A manager changed what a window serves and prefers.</summary>
public sealed record WindowCategoriesChanged(
    int WindowNo, IReadOnlyList<string> Categories, IReadOnlyList<string> Prefers, string? ManagerId, DateTimeOffset At) : HallEvent(At);
