using Queue.Screens.Drivers;
using Queue.Screens.Emulator;

namespace Queue.DisplayAgent;

/// <summary>One page with every emulated screen of the agent, rewritten on each change (a hall without LED hardware watches this).</summary>
public sealed class EmulatorBoard
{
    readonly string _path;
    readonly List<(ScreenSlot Slot, EmulatorDriver Driver)> _panels;
    readonly Lock _gate = new();

    public EmulatorBoard(string path, IReadOnlyList<ScreenSlot> screens)
    {
        _path = path;
        _panels = [.. screens.Where(s => s.Driver is EmulatorDriver).Select(s => (s, (EmulatorDriver)s.Driver))];
        foreach (var (_, driver) in _panels) driver.Shown += _ => Write();
        Write();
    }

    void Write()
    {
        lock (_gate)
        {
            var html = PanelPage.Render(_panels.Select(p => new PanelView(
                $"{p.Slot.Config.WindowNo}号窗口 · {p.Slot.Config.Id}", p.Driver.Current, p.Slot.Config.Int("columns", 20))), "窗口屏模拟", refreshSeconds: 1);
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            File.WriteAllText(_path + ".tmp", html);
            File.Move(_path + ".tmp", _path, overwrite: true); // a reloading browser never sees half a page
        }
    }
}
