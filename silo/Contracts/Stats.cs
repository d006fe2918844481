namespace Queue.Contracts;

/// <summary>
/// GET /api/halls/{hallId}/stats: a hall's figures over hall-local days <see cref="From"/>..<see cref="To"/> (inclusive),
/// one row per <see cref="By"/> ("category", "matter", "window" or "clerk") and <see cref="Totals"/> over the whole hall.
/// Matter rows may overlap (a ticket for a bundle counts under each of its matters), so they need not add up to the totals.
/// <see cref="Days"/>: the totals of each day in the range, oldest first (a closed day has zeros).
/// </summary>
public sealed record StatsView(string HallId, string HallName, DateOnly From, DateOnly To, string By,
    IReadOnlyList<StatsRowView> Rows, IReadOnlyList<HalfHourView> HalfHours, StatsRowView Totals, IReadOnlyList<StatsDayView> Days)
{
    /// <summary>The follow-up of the range's 差评 (from the hall's cases; absent where none are kept).</summary>
    public CaseRatesView? Cases { get; init; }
}

/// <summary>The 差评 rated in a range and how far they were followed up: <see cref="Contacted"/> (联系核实, and of those on
/// time, within 1 working day) and <see cref="Rectified"/> (整改反馈, on time within 15); the rates are shares of <see cref="Bad"/>
/// (null when there was none).</summary>
public sealed record CaseRatesView(int Bad, int Contacted, int ContactedOnTime, int Rectified, int RectifiedOnTime, double? FollowUpRate, double? RectificationRate);

/// <summary>
/// One row. <see cref="Issued"/>: tickets taken (by their first step's category; none for window and clerk rows);
/// <see cref="Served"/>: service steps completed (办结); <see cref="NoShow"/> (过号) and <see cref="Cancelled"/> where the step was.
/// <see cref="Wait"/>: seconds from joining a step's queue to its first call; <see cref="Service"/>: seconds from the call
/// (or the start of service) to completion. <see cref="ServedWithinTarget"/>: share of served steps whose wait was within
/// the category's target (null when none was served). <see cref="LunchHour"/> and <see cref="AfterHours"/>: served steps
/// completed in the lunch hours and outside the opening hours (or on a day the hall is normally closed).
/// </summary>
public sealed record StatsRowView(string Key, string Name, int Issued, int Served, int NoShow, int Cancelled,
    DurationStatsView Wait, DurationStatsView Service, double? ServedWithinTarget, int LunchHour, int AfterHours, RatingStatsView Ratings);

/// <summary>Seconds over <see cref="Count"/> samples (nearest-rank percentiles); nulls when there are none.</summary>
public sealed record DurationStatsView(int Count, int? P50, int? P90, int? Max);

/// <summary>好差评 given in the range: <see cref="Satisfied"/> is the share of grades 3–5 (null when none); <see cref="Bad"/> counts 2 and 1.</summary>
public sealed record RatingStatsView(int Count, double? Satisfied, int Bad);

/// <summary>A half hour of the day in hall-local time ("08:30"), summed over the range: tickets taken and steps served.</summary>
public sealed record HalfHourView(string Start, int Arrivals, int Served);

/// <summary>One day's totals (Key and Name of <see cref="Totals"/> are the date).</summary>
public sealed record StatsDayView(DateOnly Date, StatsRowView Totals);
