namespace Queue.Hall;

/// <summary>
/// 预约 slots: per category, a capacity per slot (<see cref="SlotMinutes"/>, half an hour) on the hall's working days,
/// only inside opening hours and outside a 午休 the hall keeps; bookable from now up to <see cref="HorizonDays"/> ahead and
/// until <see cref="CutoffMinutes"/> before the slot starts. <see cref="Exceptions"/> change a date's capacity (0: none
/// that day, e.g. a training day; more on an extended day).
/// </summary>
public sealed record BookingRules
{
    public int SlotMinutes { get; init; } = 30;
    public int HorizonDays { get; init; } = 7;
    public int CutoffMinutes { get; init; } = 30;
    /// <summary>预约签到 opens this long before the slot starts and closes this long after: later, the resident queues as a walk-in.</summary>
    public int CheckInEarlyMinutes { get; init; } = 30;
    public int CheckInLateMinutes { get; init; } = 15;
    public TimeSpan CheckInEarly => TimeSpan.FromMinutes(CheckInEarlyMinutes);
    public TimeSpan CheckInLate => TimeSpan.FromMinutes(CheckInLateMinutes);
    /// <summary>Whether a slot starting at <paramref name="slotStart"/> may still be booked at <paramref name="now"/>.</summary>
    public bool StillOpen(DateTimeOffset slotStart, DateTimeOffset now) => slotStart - now >= TimeSpan.FromMinutes(CutoffMinutes);
    /// <summary>爽约: after this many no-shows of one phone within <see cref="NoShowDays"/>, that phone may not book for
    /// <see cref="RestrictDays"/> from the last of them (0: never restricted). See <see cref="NoShows"/>.</summary>
    public int NoShowLimit { get; init; } = 3;
    public int NoShowDays { get; init; } = 30;
    public int RestrictDays { get; init; } = 30;
    public IReadOnlyList<SlotCapacity> Capacity { get; init; } = [];
    public IReadOnlyList<SlotException> Exceptions { get; init; } = [];
}

/// <summary>How many residents a slot of <see cref="CategoryCode"/> takes, on the weekdays listed (ISO, Monday = 1; null:
/// every working day, 调休 days included).</summary>
public sealed record SlotCapacity(string CategoryCode, int PerSlot, IReadOnlyList<int>? Days = null);

/// <summary>A date's own capacity for one category (or every category when null).</summary>
public sealed record SlotException(DateOnly Date, int PerSlot, string? CategoryCode = null);

/// <summary>One bookable slot, in UTC.</summary>
public sealed record Slot(string CategoryCode, DateTimeOffset Start, DateTimeOffset End, int Capacity);
