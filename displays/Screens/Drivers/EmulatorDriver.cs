using Queue.Screens.Emulator;

namespace Queue.Screens.Drivers;

/// <summary>
/// A panel without hardware: keeps what a real panel would show, and, when option <c>file</c> is
/// set, rewrites an HTML page of it (red-on-black LED look, reloads itself every second) so a hall
/// can watch it in a browser. Option <c>columns</c>: half-width cells across (default 20).
/// </summary>
public sealed class EmulatorDriver(ScreenConfig config, string? file = null) : IScreenDriver
{
    readonly Lock _gate = new();
    readonly List<ScreenContent> _history = [];
    readonly int _columns = config.Int("columns", 20);

    /// <summary>What the panel shows now.</summary>
    public ScreenContent Current { get; private set; } = ScreenContent.Blank;

    /// <summary>The panel's text as a resident reads it ("" when dark).</summary>
    public string Text => Current.Mode == ScreenMode.Blank ? "" : Current.Text;

    /// <summary>Everything shown so far, oldest first (the last 200).</summary>
    public IReadOnlyList<ScreenContent> History { get { lock (_gate) return [.. _history]; } }

    /// <summary>Raised after each change, with the new content.</summary>
    public event Action<ScreenContent>? Shown;

    public string? File { get; } = file ?? config.String("file");

    public Task OpenAsync(CancellationToken ct) => Task.CompletedTask;

    public Task ShowAsync(ScreenContent content, CancellationToken ct) => SetAsync(content, ct);

    public Task BlankAsync(CancellationToken ct) => SetAsync(ScreenContent.Blank, ct);

    public Task<ScreenHealth> CheckAsync(CancellationToken ct) => Task.FromResult(ScreenHealth.Ok(DateTimeOffset.UtcNow));

    /// <summary>This panel alone as a page.</summary>
    public string RenderHtml(int refreshSeconds = 0) =>
        PanelPage.Render([new PanelView($"{config.Id} · {config.WindowNo}号窗口", Current, _columns)], config.Id, refreshSeconds);

    async Task SetAsync(ScreenContent content, CancellationToken ct)
    {
        lock (_gate)
        {
            Current = content;
            _history.Add(content);
            if (_history.Count > 200) _history.RemoveAt(0);
        }
        if (File is { } path)
        {
            // Write then rename, so a browser reloading never reads half a page.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            string temp = path + ".tmp";
            await System.IO.File.WriteAllTextAsync(temp, RenderHtml(refreshSeconds: 1), ct);
            System.IO.File.Move(temp, path, overwrite: true);
        }
        Shown?.Invoke(content);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
