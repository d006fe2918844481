namespace Queue.Silo.Halls;

/// <summary>The system clock moved to start at <paramref name="start"/> (Halls:ClockStart): it runs at the real pace from
/// there, so timers and timeouts behave as they do on any day.</summary>
public sealed class StartedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;
}
