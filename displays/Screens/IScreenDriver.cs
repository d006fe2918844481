namespace Queue.Screens;

/// <summary>
/// A driver for one screen model (屏幕驱动). Calls come from one task at a time per screen.
/// Failures throw (IOException, TimeoutException); the caller records them as health.
/// </summary>
public interface IScreenDriver : IAsyncDisposable
{
    /// <summary>Opens the link if needed; cheap when already open.</summary>
    Task OpenAsync(CancellationToken ct);

    /// <summary>Shows text with its attributes (flash, dim).</summary>
    Task ShowAsync(ScreenContent content, CancellationToken ct);

    /// <summary>Turns the screen dark.</summary>
    Task BlankAsync(CancellationToken ct);

    /// <summary>Asks the panel whether it is there; never throws for a silent panel, it reports it.</summary>
    Task<ScreenHealth> CheckAsync(CancellationToken ct);
}
