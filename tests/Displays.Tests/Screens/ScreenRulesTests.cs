using System.Text.Json;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Hall;
using Queue.Screens;
using Queue.Screens.Hall;

namespace Queue.Displays.Tests.Screens;

public sealed class ScreenRulesTests
{
    // 2026-11-23 is a Monday; Asia/Shanghai is UTC+8 all year.
    static readonly DateTimeOffset Morning = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(8));
    static readonly DateTimeOffset Evening = new(2026, 11, 23, 19, 0, 0, TimeSpan.FromHours(8));
    static readonly HoursView Hours = new("08:30", "17:30", "12:00", "14:00", LunchService: false, Days: [1, 2, 3, 4, 5, 6, 7]);

    static HallStateView State(long seq, bool isOpenNow, HoursView hours, params WindowView[] windows) => new("xuanen", "宣恩县市民之家", seq,
        new DateOnly(2026, 11, 23), "Asia/Shanghai", isOpenNow, hours, [], [], [], windows, [], "", 0);

    static HallView Hall(params WindowView[] windows) => HallView.From(State(100, true, Hours, windows), Morning);

    static WindowView Open(int no, CurrentTicketView? current = null) =>
        new(no, $"{no}号综合窗口", WindowKind.Comprehensive, WindowState.Open, $"c{no:00}", ["general"], [], current, [], 0, 0, null);

    static CurrentTicketView Ticket(string number, TicketStatus status, DateTimeOffset calledAt) =>
        new(number, status, "general", "综合受理", [], calledAt, null);

    static CallView Call(long seq, string number, DateTimeOffset at, bool isRecall = false) =>
        new(seq, number, 5, "5号综合窗口", "general", "综合受理", $"请 {number} 号 到 5 号窗口 办理", at, isRecall);

    static ScreenContent Decide(HallView? hall, DateTimeOffset now, bool stale = false, int windowNo = 5) =>
        ScreenRules.Decide(hall, windowNo, now, stale, ScreenStyle.Default);

    [Fact]
    public void A_called_ticket_shows_the_call_and_flashes_while_new()
    {
        var hall = Hall(Open(5)).Apply(Call(101, "A012", Morning), Morning);

        Assert.Equal(new ScreenContent(ScreenMode.Called, "A012 请到5号窗口", "A012", Flash: true), Decide(hall, Morning.AddSeconds(3)));
        Assert.Equal(new ScreenContent(ScreenMode.Called, "A012 请到5号窗口", "A012"), Decide(hall, Morning.AddSeconds(9)));
    }

    [Fact]
    public void A_calls_one_frame_brings_its_window_as_the_silo_has_it()
    {
        var window = Open(5, Ticket("A012", TicketStatus.Called, Morning)) with { Categories = ["general", "police"], StateSince = Morning };
        var hall = Hall(Open(5)).Apply(Call(101, "A012", Morning) with { Window = window }, Morning);

        Assert.Equal(window, hall.Window(5));
        Assert.Equal(101, hall.LastSeq);   // a state fetched after a missed message replaces it only if newer
        Assert.Equal(new ScreenContent(ScreenMode.Called, "A012 请到5号窗口", "A012", Flash: true), Decide(hall, Morning.AddSeconds(3)));
    }

    [Fact]
    public void A_recall_flashes_again()
    {
        var hall = Hall(Open(5)).Apply(Call(101, "A012", Morning), Morning)
            .Apply(Call(102, "A012", Morning.AddMinutes(2), isRecall: true), Morning.AddMinutes(2));

        Assert.True(Decide(hall, Morning.AddMinutes(2).AddSeconds(1)).Flash);
    }

    [Fact]
    public void Serving_paused_idle_and_closed_windows_show_their_state()
    {
        var serving = Hall(Open(5, Ticket("A012", TicketStatus.Serving, Morning)));
        var paused = Hall(Open(5, Ticket("A012", TicketStatus.Serving, Morning)) with { State = WindowState.Paused });
        var idle = Hall(Open(5));
        var closed = Hall(Open(5) with { State = WindowState.Closed });

        Assert.Equal(new ScreenContent(ScreenMode.Serving, "A012 正在办理", "A012"), Decide(serving, Morning));
        Assert.Equal(new ScreenContent(ScreenMode.Paused, "暂停服务"), Decide(paused, Morning));
        Assert.Equal(new ScreenContent(ScreenMode.Idle, "5号综合窗口"), Decide(idle, Morning));
        Assert.Equal(new ScreenContent(ScreenMode.Closed, "5号综合窗口", Dim: true), Decide(closed, Morning));
    }

    [Fact]
    public void Outside_hours_idle_screens_dim_or_blank_but_a_late_call_still_shows()
    {
        var idle = Hall(Open(5) with { State = WindowState.Closed });
        var late = Hall(Open(5, Ticket("A099", TicketStatus.Called, Evening)));

        Assert.Equal(new ScreenContent(ScreenMode.Idle, "5号综合窗口", Dim: true), Decide(idle, Evening));
        Assert.Equal(ScreenContent.Blank, ScreenRules.Decide(idle, 5, Evening, false, ScreenStyle.Default with { OffHours = OffHours.Blank }));
        Assert.Equal(ScreenMode.Called, Decide(late, Evening).Mode);
        Assert.True(Decide(idle, Morning.AddHours(3)).Dim, "13:00 is lunch and this hall has no lunch service");
    }

    [Fact]
    public void A_stale_or_missing_hall_never_shows_a_number()
    {
        var hall = Hall(Open(5, Ticket("A012", TicketStatus.Called, Morning)));

        Assert.Equal(new ScreenContent(ScreenMode.Idle, "5号综合窗口"), Decide(hall, Morning, stale: true));
        Assert.Equal(ScreenContent.Blank, Decide(null, Morning));
        Assert.Equal(new ScreenContent(ScreenMode.Idle, "9号窗口"), Decide(hall, Morning, windowNo: 9));
    }

    [Fact]
    public void Messages_older_than_the_HallState_are_dropped()
    {
        var hall = Hall(Open(5));

        var old = hall.Apply(new WindowChangedView(99, Open(5) with { State = WindowState.Paused }))
            .Apply(Call(100, "A001", Morning), Morning);
        var newer = hall.Apply(new WindowChangedView(101, Open(5) with { State = WindowState.Paused }));

        Assert.Same(hall, old);
        Assert.Equal(WindowState.Paused, newer.Window(5)!.State);
        Assert.Equal(WindowState.Open, newer.Apply(new WindowChangedView(101, Open(5))).Window(5)!.State); // same seq: same event
        Assert.Equal(WindowState.Paused, newer.Apply(new WindowChangedView(100, Open(5))).Window(5)!.State);
    }

    [Fact]
    public void A_weekday_hall_is_closed_on_sunday_even_if_the_last_state_came_on_friday()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8));
        var weekdays = Hours with { Days = [1, 2, 3, 4, 5] };
        var hall = HallView.From(State(1, true, weekdays, Open(5)), friday);

        Assert.True(hall.IsOpenAt(friday.AddHours(1)));
        Assert.False(hall.IsOpenAt(friday.AddDays(2)));        // Sunday 10:00
        Assert.True(hall.IsOpenAt(friday.AddDays(3)));         // Monday 10:00
    }

    [Fact]
    public void A_hall_the_silo_called_closed_during_hours_stays_closed_that_day()
    {
        var saturday = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.FromHours(8));
        var hall = HallView.From(State(1, false, Hours, Open(5)), saturday);

        Assert.False(hall.IsOpenAt(saturday.AddHours(2)));
        Assert.True(hall.IsOpenAt(saturday.AddDays(2))); // Monday
    }

    [Fact]
    public void Hub_payloads_in_camelCase_with_string_enums_read_into_the_silo_records()
    {
        const string Payload = """
            { "hallId": "xuanen", "name": "宣恩县市民之家", "seq": 1234, "serviceDate": "2026-11-23", "timeZone": "Asia/Shanghai", "isOpenNow": true,
              "hours": { "open": "08:30", "close": "17:30", "lunchStart": "12:00", "lunchEnd": "14:00", "lunchService": true, "days": [1, 2, 3, 4, 5] },
              "windows": [ { "no": 5, "name": "5号综合窗口", "kind": "comprehensive", "state": "open",
                             "current": { "number": "A012", "status": "called", "calledAt": "2026-11-23T10:00:00+08:00" }, "parked": [] } ],
              "notice": "今日中午不打烊" }
            """;
        var snapshot = JsonSerializer.Deserialize<HallStateView>(Payload, HallConnection.Json)!;

        Assert.Equal(1234, snapshot.Seq);
        Assert.Equal((WindowKind.Comprehensive, WindowState.Open), (snapshot.Windows[0].Kind, snapshot.Windows[0].State));
        Assert.Equal(("A012", TicketStatus.Called, Morning), (snapshot.Windows[0].Current!.Number, snapshot.Windows[0].Current!.Status, snapshot.Windows[0].Current!.CalledAt));
        Assert.True(snapshot.Hours.LunchService);
        // Numbers for enums would silently change meaning if the silo ever reordered them: refused.
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HallStateView>(Payload.Replace("\"state\": \"open\"", "\"state\": 1"), HallConnection.Json));
    }
}
