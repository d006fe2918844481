using Queue.DisplayAgent;
using Queue.Screens;
using Queue.Screens.Emulator;

// Queue.DisplayAgent [--config] displays.json [--token TOKEN]     run the agent (token: else QUEUE_DEVICE_TOKEN, else the file's)
// Queue.DisplayAgent --demo-png out.png                           picture of emulated panels (docs)

if (args is ["--demo-png", var png])
{
    await PanelSnapshot.RenderPngAsync(PanelPage.Render(DemoPanels.All, "窗口屏模拟"), png, 380, 470, CancellationToken.None);
    Console.WriteLine(png);
    return 0;
}
string? path = null, token = null;
for (int i = 0; i < args.Length && path != ""; i++)
    (path, token) = args[i] switch
    {
        "--config" when i + 1 < args.Length && path is null => (args[++i], token),
        "--token" when i + 1 < args.Length && token is null => (path, args[++i]),
        var p when !p.StartsWith('-') && path is null => (p, token),
        _ => ("", token),
    };
path ??= "displays.json";
if (path == "")
{
    Console.Error.WriteLine("usage: Queue.DisplayAgent [--config] <displays.json> [--token <device token>] | --demo-png <out.png>");
    return 2;
}

HallDisplayAgent agent;
try
{
    agent = new HallDisplayAgent(AgentConfig.Load(path).WithToken(token), Path.GetDirectoryName(Path.GetFullPath(path)),
        line => Console.Error.WriteLine($"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss} {line}"));
}
catch (Exception e) when (e is IOException or FormatException or ArgumentException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"cannot use {path}: {e.Message}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { stop.Cancel(); } catch (ObjectDisposedException) { } };
await using (agent) await agent.RunAsync(stop.Token);
return 0;

/// <summary>Sample panels for the docs picture.</summary>
static class DemoPanels
{
    public static readonly PanelView[] All =
    [
        new("5号窗口 · 叫号（闪烁）", new ScreenContent(ScreenMode.Called, "A012 请到5号窗口", "A012", Flash: true)),
        new("6号窗口 · 办理中", new ScreenContent(ScreenMode.Serving, "B007 正在办理", "B007")),
        new("7号窗口 · 暂停", new ScreenContent(ScreenMode.Paused, "暂停服务")),
        new("8号窗口 · 空闲", new ScreenContent(ScreenMode.Idle, "8号综合窗口")),
        new("9号窗口 · 下班后（调暗）", new ScreenContent(ScreenMode.Idle, "9号综合窗口", Dim: true)),
    ];
}
