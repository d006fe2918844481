using System.Text.Json;
using System.Text.Json.Serialization;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>
/// Runs commands the way the hall grain does (start the day, decide, apply, auto-call), without a
/// store, and keeps the log so tests can replay it.
/// </summary>
public sealed class TestHall
{
    // 10:00 in Shanghai on a Monday: the hall is open.
    public static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    public TestHall(HallConfig? config = null)
    {
        Config = config ?? Config3();
        State = new HallState(Config);
    }

    public HallConfig Config { get; }
    public HallState State { get; private set; }
    public List<HallEvent> Log { get; } = [];
    public DateTimeOffset Now { get; set; } = Monday10;
    private int _ids;

    public Decision Do(HallCommand command)
    {
        if (Decide.DayChange(State, Now) is { } day) Apply(day);
        var d = Decide.Handle(State, command, Now);
        foreach (var e in d.Events) Apply(e);
        if (!d.IsRefused && d.Events.Count > 0 && command is IssueTicket && Decide.AutoCall(State, Now) is { } call) Apply(call);
        if (!d.IsRefused && Decide.FollowUp(command) is { } then)
        {
            var next = Decide.Handle(State, then, Now);
            foreach (var e in next.Events) Apply(e);
            return next.IsRefused ? new Decision(d.Events, null, null, d.WindowNo) : next with { Events = [.. d.Events, .. next.Events] };
        }
        return d;
    }

    public Ticket Issue(string category = "general", Priority priority = Priority.Normal, string? key = null)
    {
        var d = Do(new IssueTicket(NewId(), CategoryCode: category, Priority: priority) { Key = key });
        Assert.Null(d.Refusal);
        return State.TicketById(d.TicketId!)!;
    }

    public Ticket? CallNext(int window)
    {
        var d = Do(new CallNext(window));
        Assert.Null(d.Refusal);
        return d.TicketId is { } id ? State.TicketById(id) : null;
    }

    public void Open(params int[] windows)
    {
        foreach (var w in windows) Assert.Null(Do(new OpenWindow(w, $"c{w:D2}")).Refusal);
    }

    public string NewId() => $"t{++_ids:D6}";

    public void Advance(TimeSpan by) => Now += by;

    private void Apply(HallEvent e)
    {
        State.Apply(e);
        Log.Add(e);
    }

    /// <summary>Rebuilds a fresh state from the log: what the silo does after a restart.</summary>
    public HallState Replay()
    {
        var s = new HallState(Config);
        foreach (var e in Log) s.Apply(e);
        return s;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Fingerprint(HallState s) => JsonSerializer.Serialize(s.ToSnapshot(), Json);

    /// <summary>A small hall: 综合 (A), 税务 (C), 出件 (R); windows 1–2 comprehensive, 3 tax, 4 result.</summary>
    public static HallConfig Config3(bool autoCall = false) => new()
    {
        Id = "test", Name = "测试大厅", AutoCall = autoCall,
        Hours = new OpeningHours { Days = [1, 2, 3, 4, 5, 6, 7] },
        Categories =
        [
            new("general", "综合受理", "A", 15),
            new("tax", "税务", "C", 20),
            new("result", "出件", "R", 5, 3),
        ],
        Matters =
        [
            new("qykb", "企业开办", "general", "市场监管局"),
            new("sbksl", "社保卡申领", "general", "人社局"),
            new("fpdk", "发票代开", "tax", "税务局"),
        ],
        Bundles = [new("shyjs", "身后一件事", ["sbksl"], ["general", "result"])],
        Windows =
        [
            new(1, "1号综合窗口", WindowKind.Comprehensive, ["general", "tax"], ["general"]),
            new(2, "2号综合窗口", WindowKind.Comprehensive, ["general", "tax"], ["tax"]),
            new(3, "3号税务窗口", WindowKind.Dedicated, ["tax"]),
            new(4, "4号出件窗口", WindowKind.Result, ["result"]),
        ],
    };
}
