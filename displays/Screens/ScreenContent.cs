namespace Queue.Screens;

/// <summary>What a window screen is showing, semantically (drivers turn it into bytes).</summary>
public enum ScreenMode
{
    /// <summary>Nothing lit (outside opening hours when so configured).</summary>
    Blank,
    /// <summary>Open window, nobody called: the window's name.</summary>
    Idle,
    /// <summary>A ticket was called to this window: "A012 请到5号窗口".</summary>
    Called,
    /// <summary>The called resident sat down.</summary>
    Serving,
    /// <summary>暂停服务.</summary>
    Paused,
    /// <summary>No clerk signed in.</summary>
    Closed,
}

/// <summary>
/// One screen's content (窗口屏内容): the full line, the bare ticket number for 7-segment
/// counters, and two attributes every driver maps as well as it can.
/// </summary>
public sealed record ScreenContent(ScreenMode Mode, string Text, string? Number = null, bool Flash = false, bool Dim = false)
{
    public static ScreenContent Blank { get; } = new(ScreenMode.Blank, "");

    public override string ToString() =>
        Mode == ScreenMode.Blank ? "[blank]" : $"{Text}{(Flash ? " [flash]" : "")}{(Dim ? " [dim]" : "")}";
}

/// <summary>A screen's health as last checked (屏幕状态); Error says why it is unhealthy.</summary>
public sealed record ScreenHealth(bool Healthy, string? Error, DateTimeOffset CheckedAt)
{
    public static ScreenHealth Ok(DateTimeOffset at) => new(true, null, at);
    public static ScreenHealth Failed(string error, DateTimeOffset at) => new(false, error, at);
}
