using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Alerts;

/// <summary>Checks a hall for queues over target, long pauses and silent screens; each active hall grain calls it on its tick.</summary>
public sealed class AlertWatcher(AlertBoard board, DeviceHealth devices)
{
    public static readonly TimeSpan PausedTooLong = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan AgentSilentAfter = TimeSpan.FromSeconds(30);

    public void Check(HallState s, DateTimeOffset now)
    {
        var id = s.Config.Id;
        var over = s.Config.Categories.Select(c => (c, load: s.Load(c.Code, now))).Where(x => x.load.LongestWaitSeconds > x.c.TargetWaitMinutes * 60);
        var paused = s.WindowsInOrder.Where(w => w.State == WindowState.Paused && now - w.StateSince > PausedTooLong).Select(w => (w.No, w.Name));

        var overKeys = new HashSet<string>();
        foreach (var (c, load) in over)
        {
            overKeys.Add($"over-target:{c.Code}");
            board.Raise(id, $"over-target:{c.Code}", "over-target",
                $"{c.Name} 最长已等 {load.LongestWaitSeconds / 60} 分钟，超过目标 {c.TargetWaitMinutes} 分钟（{load.Waiting} 人等候）", c.Code);
        }
        board.Settle(id, "over-target:", overKeys);

        var pausedKeys = new HashSet<string>();
        foreach (var (no, name) in paused)
        {
            pausedKeys.Add($"paused:{no}");
            board.Raise(id, $"paused:{no}", "paused-too-long", $"{name} 已暂停服务超过 {PausedTooLong.TotalMinutes} 分钟", no.ToString());
        }
        board.Settle(id, "paused:", pausedKeys);

        var displayKeys = new HashSet<string>();
        foreach (var agent in devices.Agents(id))
        {
            var silent = now - agent.At > AgentSilentAfter;
            foreach (var screen in agent.Screens.Where(sc => silent || !sc.Healthy))
            {
                var key = $"display:{agent.AgentId}:{screen.Id}";
                displayKeys.Add(key);
                board.Raise(id, key, "display", silent
                    ? $"窗口屏 {screen.Id}（{screen.WindowNo} 号窗口）的显示代理 {agent.AgentId} 已 {(int)(now - agent.At).TotalSeconds} 秒无心跳"
                    : $"窗口屏 {screen.Id}（{screen.WindowNo} 号窗口）无响应：{screen.Error}", agent.AgentId);
            }
        }
        board.Settle(id, "display:", displayKeys);
    }
}
