namespace Queue.Silo.Tests;

/// <summary>A clock the test moves by hand (the testing package for this does not restore here).</summary>
public sealed class FakeClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
    public void Set(DateTimeOffset at) => _now = at;

    /// <summary>Monday 2026-11-23 10:00 in Shanghai: every seed hall is open.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
}
