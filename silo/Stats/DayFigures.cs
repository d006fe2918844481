using System.Text.Json.Serialization;

namespace Queue.Silo.Stats;

/// <summary>
/// One hall-local day's figures, for the whole hall and per category, matter, window and clerk. The wait and service
/// samples are kept whole (a busy day is a few thousand), so percentiles over any number of days are exact.
/// Stored as a record once the day is over; never changed after.
/// </summary>
public sealed class DayFigures
{
    public DateOnly Date { get; set; }
    public FigureCell Totals { get; set; } = new();
    /// <summary>"category", "matter", "window", "clerk" → key (code, matter id, window number, clerk id) → figures.</summary>
    public Dictionary<string, Dictionary<string, FigureCell>> By { get; set; } = [];
    /// <summary>Per half hour of the hall-local day (index 17 is 08:30): tickets taken, steps served.</summary>
    public int[] Arrivals { get; set; } = new int[HalfHours];
    public int[] Served { get; set; } = new int[HalfHours];

    public const int HalfHours = 48;

    public FigureCell Cell(string by, string key)
    {
        if (!By.TryGetValue(by, out var cells)) By[by] = cells = [];
        if (!cells.TryGetValue(key, out var cell)) cells[key] = cell = new();
        return cell;
    }
}

/// <summary>The counts and samples of one row of one day. Seconds are whole.</summary>
public sealed class FigureCell
{
    public int Issued { get; set; }
    public int Served { get; set; }
    public int NoShow { get; set; }
    public int Cancelled { get; set; }
    /// <summary>Served steps whose wait was within their category's target.</summary>
    public int WithinTarget { get; set; }
    public int LunchHour { get; set; }
    public int AfterHours { get; set; }
    public int Ratings { get; set; }
    /// <summary>Ratings of grade 3–5.</summary>
    public int Satisfied { get; set; }
    public int Bad { get; set; }
    [JsonConverter(typeof(SamplesJson))] public List<int> Waits { get; set; } = [];
    [JsonConverter(typeof(SamplesJson))] public List<int> Services { get; set; } = [];
}
