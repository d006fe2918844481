namespace Queue.Silo.Stats;

/// <summary>What a figures query may ask for.</summary>
public static class StatsQuery
{
    public static readonly IReadOnlyList<string> Dimensions = ["category", "matter", "window", "clerk"];
    /// <summary>A range longer than a year is refused (a year's records are still small; more is a mistake).</summary>
    public const int MaxDays = 366;
}
