namespace Queue.Contracts;

/// <summary>Something a hall manager should look at: a help call, a queue over target, a dead screen or printer.</summary>
public sealed record AlertView(string Key, string Kind, string Message, DateTimeOffset At, string? Source);

/// <summary>One screen's health as its display agent reported it.</summary>
public sealed record ScreenHealth(string Id, int? WindowNo, bool Healthy, string? Error);
