using Queue.Hall;
using Queue.Screens.Hall;

namespace Queue.Screens;

/// <summary>Outside opening hours a screen with nothing to call either dims or goes dark.</summary>
public enum OffHours { Dim, Blank }

/// <summary>Wording and timing of what screens show; defaults match the hall's usual texts.</summary>
public sealed record ScreenStyle
{
    /// <summary>How long a new call (or recall) flashes.</summary>
    public TimeSpan FlashFor { get; init; } = TimeSpan.FromSeconds(8);
    public OffHours OffHours { get; init; } = OffHours.Dim;
    /// <summary>{number} and {window} are replaced: "A012 请到5号窗口".</summary>
    public string CallText { get; init; } = "{number} 请到{window}号窗口";
    public string ServingText { get; init; } = "{number} 正在办理";
    public string PausedText { get; init; } = "暂停服务";

    public static ScreenStyle Default { get; } = new();
}

/// <summary>
/// Hall state → what one window's screen shows. A pure function: the agent calls it on every
/// message and every tick (flash expiry, opening hours) and sends only what changed.
/// </summary>
public static class ScreenRules
{
    /// <param name="hall">null until the first HallState arrived.</param>
    /// <param name="stale">true when the hub connection has been down so long that numbers may be wrong.</param>
    public static ScreenContent Decide(HallView? hall, int windowNo, DateTimeOffset now, bool stale, ScreenStyle style)
    {
        if (hall is null) return ScreenContent.Blank;
        var window = hall.Window(windowNo);
        string name = window?.Name is { Length: > 0 } n ? n : $"{windowNo}号窗口";
        bool open = hall.IsOpenAt(now);

        // Never keep a number up that may be wrong: fall back to the name until HallState comes.
        if (stale || window is null) return new ScreenContent(ScreenMode.Idle, name, Dim: !open);
        if (window.State == WindowState.Paused) return new ScreenContent(ScreenMode.Paused, style.PausedText);
        if (window.Current is { } ticket && ticket.Status is TicketStatus.Called or TicketStatus.Serving)
        {
            bool called = ticket.Status == TicketStatus.Called;
            bool flash = called && hall.Calls.TryGetValue(windowNo, out var seen)
                && seen.Number == ticket.Number && now - seen.SeenAt < style.FlashFor;
            string text = (called ? style.CallText : style.ServingText)
                .Replace("{number}", ticket.Number).Replace("{window}", windowNo.ToString());
            return new ScreenContent(called ? ScreenMode.Called : ScreenMode.Serving, text, ticket.Number, flash);
        }
        if (!open) return style.OffHours == OffHours.Blank ? ScreenContent.Blank : new ScreenContent(ScreenMode.Idle, name, Dim: true);
        return window.State == WindowState.Closed
            ? new ScreenContent(ScreenMode.Closed, name, Dim: true)
            : new ScreenContent(ScreenMode.Idle, name);
    }
}
