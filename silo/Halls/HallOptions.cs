using Queue.Contracts;
namespace Queue.Silo.Halls;

/// <summary>Configuration section "Halls".</summary>
public sealed class HallOptions
{
    /// <summary>Folder of *.hall.json files; relative paths are tried from the working folder, then beside the silo.</summary>
    public string Seeds { get; set; } = "seeds";
    /// <summary>Demo and training mode: take numbers at any hour, ignoring the halls' opening hours.</summary>
    public bool IgnoreOpeningHours { get; set; }
    /// <summary>Demo and training mode (and the browser tests): the halls' clock starts at this instant and runs on from
    /// there, so a Monday morning's bookings and check-ins can be shown at night. Never later than now: Orleans' membership
    /// reads this clock too.</summary>
    public DateTimeOffset? ClockStart { get; set; }
    /// <summary>Load tests: host this many copies of every configured hall (ids like xuanen-00001).</summary>
    public int CopiesPerSeed { get; set; }
    /// <summary>A hall nobody has used or watched for this long leaves memory; its next command reloads it from the log.</summary>
    public TimeSpan IdleTime { get; set; } = TimeSpan.FromMinutes(30);
}
