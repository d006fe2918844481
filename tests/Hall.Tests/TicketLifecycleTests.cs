using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

public class TicketLifecycleTests
{
    [Fact]
    public void Numbers_run_per_prefix_and_grow_a_digit_past_999()
    {
        var hall = new TestHall();
        Assert.Equal("A001", hall.Issue().Number);
        Assert.Equal("C001", hall.Issue("tax").Number);
        for (var i = 2; i <= 999; i++) hall.Issue();
        Assert.Equal("A1000", hall.Issue().Number);
        Assert.Equal(1000, hall.State.Tickets.Count(t => t.Number.StartsWith('A')));
        Assert.Equal(hall.State.Tickets.Count, hall.State.Tickets.Select(t => t.Number).Distinct().Count());
    }

    [Fact]
    public void Numbering_restarts_at_the_halls_midnight_not_the_servers()
    {
        var hall = new TestHall();
        Ticket IssueAnyHour() => hall.State.TicketById(
            hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general", IgnoreOpeningHours: true)).TicketId!)!;
        hall.Now = new DateTimeOffset(2026, 11, 23, 15, 59, 0, TimeSpan.Zero);   // 23:59 in Shanghai
        var late = IssueAnyHour();
        hall.Now = new DateTimeOffset(2026, 11, 23, 16, 1, 0, TimeSpan.Zero);    // 00:01 next day in Shanghai, still the 23rd in UTC
        var first = IssueAnyHour();
        Assert.Equal("A001", late.Number);
        Assert.Equal("A001", first.Number);
        Assert.Equal(TicketStatus.Expired, late.Status);
        Assert.Equal(new DateOnly(2026, 11, 24), hall.State.ServiceDate);
    }

    [Fact]
    public void A_retried_issue_with_the_same_key_returns_the_same_ticket_and_adds_nothing()
    {
        var hall = new TestHall();
        var first = hall.Issue(key: "kiosk-1-tap-7");
        var events = hall.Log.Count;
        var again = hall.Do(new IssueTicket("another-id", CategoryCode: "general") { Key = "kiosk-1-tap-7" });
        Assert.Equal(first.Id, again.TicketId);
        Assert.Empty(again.Events);
        Assert.Equal(events, hall.Log.Count);
        Assert.Single(hall.State.Tickets);
    }

    [Fact]
    public void A_double_clicked_call_next_calls_once()
    {
        var hall = new TestHall();
        hall.Issue(); hall.Issue(); hall.Open(1);
        var first = hall.Do(new CallNext(1) { Key = "click-1" });
        var second = hall.Do(new CallNext(1) { Key = "click-1" });
        Assert.Equal(first.TicketId, second.TicketId);
        Assert.Empty(second.Events);
        Assert.Equal(1, hall.State.Queues.WaitingIn("general"));
    }

    [Fact]
    public void Several_matters_queue_once_and_walk_their_categories_in_order()
    {
        var hall = new TestHall();
        hall.Open(1, 3);
        var d = hall.Do(new IssueTicket(hall.NewId(), MatterIds: ["qykb", "fpdk", "sbksl"]));
        var t = hall.State.TicketById(d.TicketId!)!;
        Assert.Equal(["general", "tax"], t.Route);
        Assert.Equal("A001", t.Number);
        Assert.Same(t, hall.CallNext(1));
        hall.Do(new CompleteService(1));
        Assert.Equal(TicketStatus.Waiting, t.Status);
        Assert.Equal("tax", t.CategoryCode);
        Assert.Same(t, hall.CallNext(3));
        hall.Do(new CompleteService(3));
        Assert.Equal(TicketStatus.Completed, t.Status);
    }

    [Fact]
    public void A_bundle_route_queues_for_the_result_window_by_itself()
    {
        var hall = new TestHall();
        hall.Open(1, 4);
        var t = hall.State.TicketById(hall.Do(new IssueTicket(hall.NewId(), BundleId: "shyjs")).TicketId!)!;
        hall.CallNext(1);
        hall.Do(new StartService(1));
        hall.Do(new CompleteService(1));
        Assert.Equal(("result", TicketStatus.Waiting), (t.CategoryCode, t.Status));
        Assert.Equal(t.Number, hall.CallNext(4)!.Number);
    }

    [Fact]
    public void A_no_show_may_be_reinstated_once_and_goes_back_to_the_head()
    {
        var hall = new TestHall();
        hall.Open(1);
        var a = hall.Issue(); hall.Issue(); hall.Issue();
        hall.CallNext(1);
        hall.Do(new Recall(1));
        Assert.Equal(1, a.Recalls);
        hall.Do(new MarkNoShow(1));
        Assert.Equal(TicketStatus.NoShow, a.Status);
        Assert.Null(hall.Do(new ReinstateTicket(a.Number)).Refusal);
        Assert.Equal(0, hall.State.PeopleAhead(a, hall.Now));
        Assert.Same(a, hall.CallNext(1));
        hall.Do(new MarkNoShow(1));
        Assert.Equal("reinstate-used", hall.Do(new ReinstateTicket(a.Id)).Refusal?.Code);
    }

    [Fact]
    public void A_parked_ticket_is_resumed_by_the_same_window()
    {
        var hall = new TestHall();
        hall.Open(1, 2);
        var a = hall.Issue();
        var b = hall.Issue();
        hall.CallNext(1);
        hall.Do(new StartService(1));
        hall.Do(new ParkTicket(1));
        Assert.Equal(TicketStatus.Parked, a.Status);
        Assert.Same(b, hall.CallNext(2));                        // nobody else takes a parked ticket
        hall.Do(new CompleteService(2));
        Assert.Equal("no-parked-ticket", hall.Do(new ResumeParked(2)).Refusal?.Code);
        Assert.Null(hall.Do(new ResumeParked(1, a.Number)).Refusal);
        Assert.Equal((TicketStatus.Serving, a.Id), (a.Status, hall.State.Window(1)!.CurrentTicketId));
    }

    [Fact]
    public void A_transfer_keeps_the_original_arrival_so_the_resident_is_not_sent_to_the_back()
    {
        var hall = new TestHall();
        hall.Open(1);
        var a = hall.Issue();
        hall.Issue("tax"); hall.Issue("tax");
        hall.CallNext(1);
        Assert.Null(hall.Do(new TransferTicket(1, "tax", null, "需税务办理")).Refusal);
        Assert.Equal(("tax", TicketStatus.Waiting, 0), (a.CategoryCode, a.Status, hall.State.PeopleAhead(a, hall.Now)));
        hall.Open(3);
        Assert.Same(a, hall.CallNext(3));
    }

    [Fact]
    public void Closing_a_window_returns_its_parked_tickets_to_the_queue()
    {
        var hall = new TestHall();
        hall.Open(1);
        var a = hall.Issue();
        hall.CallNext(1);
        hall.Do(new StartService(1));
        hall.Do(new ParkTicket(1));
        Assert.Null(hall.Do(new CloseWindow(1)).Refusal);
        Assert.Equal(TicketStatus.Waiting, a.Status);
        hall.Open(2);
        Assert.Same(a, hall.CallNext(2));
    }

    [Fact]
    public void Raising_priority_needs_a_reason_and_moves_the_ticket_to_the_green_channel()
    {
        var hall = new TestHall();
        hall.Issue();
        var b = hall.Issue();
        Assert.Equal("reason-required", hall.Do(new ChangePriority(b.Number, Priority.Green, " ")).Refusal?.Code);
        Assert.Null(hall.Do(new ChangePriority(b.Number, Priority.Green, "老人行动不便")).Refusal);
        hall.Open(1);
        Assert.Same(b, hall.CallNext(1));
    }

    public static TheoryData<string, Func<TestHall, HallCommand>, string> Refusals => new()
    {
        { "call on a closed window", _ => new CallNext(3), "window-closed" },
        { "unknown window", _ => new OpenWindow(99, "c"), "window-not-found" },
        { "unknown category", h => new IssueTicket(h.NewId(), CategoryCode: "nope"), "category-not-found" },
        { "unknown matter", h => new IssueTicket(h.NewId(), MatterIds: ["nope"]), "matter-not-found" },
        { "unknown bundle", h => new IssueTicket(h.NewId(), BundleId: "nope"), "bundle-not-found" },
        { "two choices at once", h => new IssueTicket(h.NewId(), CategoryCode: "general", BundleId: "shyjs"), "choose-one" },
        { "nothing chosen", h => new IssueTicket(h.NewId()), "choose-one" },
        { "complete with nothing current", _ => new CompleteService(1), "no-current-ticket" },
        { "unknown appointment", h => new IssueTicket(h.NewId(), AppointmentCode: "ZZZ"), "appointment-not-found" },
        { "transfer to a closed window", _ => new TransferTicket(2, null, 4, null), "window-closed" },
        { "cancel an unknown ticket", _ => new CancelTicket("A999"), "ticket-not-found" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_refused_command_changes_nothing(string why, Func<TestHall, HallCommand> command, string code)
    {
        var hall = new TestHall();
        hall.Open(1, 2);
        hall.Issue();
        hall.CallNext(2);
        var before = TestHall.Fingerprint(hall.State);
        var d = hall.Do(command(hall));
        Assert.True(d.IsRefused, why);
        Assert.Equal(code, d.Refusal!.Code);
        Assert.False(string.IsNullOrWhiteSpace(d.Refusal.Zh));
        Assert.False(string.IsNullOrWhiteSpace(d.Refusal.En));
        Assert.Equal(before, TestHall.Fingerprint(hall.State));
    }

    [Fact]
    public void Tickets_are_refused_outside_opening_hours_unless_told_to_ignore_them()
    {
        var hall = new TestHall(TestHall.Config3() with { Hours = new OpeningHours() });
        hall.Now = new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero);     // 21:00 Monday in Shanghai
        Assert.Equal("hall-closed", hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general")).Refusal?.Code);
        Assert.Null(hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general", IgnoreOpeningHours: true)).Refusal);
    }

    [Fact]
    public void Auto_call_calls_a_new_ticket_at_the_longest_idle_eligible_window()
    {
        var hall = new TestHall(TestHall.Config3(autoCall: true));
        hall.Open(3);
        hall.Advance(TimeSpan.FromMinutes(1));
        hall.Open(2);
        var t = hall.Issue("tax");
        Assert.Equal((TicketStatus.Called, 3), (t.Status, t.WindowNo));
        Assert.IsType<TicketCalled>(hall.Log[^1]);
    }

    [Fact]
    public void Replaying_the_log_rebuilds_the_same_state_and_a_snapshot_round_trips()
    {
        var hall = new TestHall();
        hall.Open(1, 3, 4);
        hall.Issue(); hall.Issue("tax", Priority.Green); hall.Do(new IssueTicket(hall.NewId(), BundleId: "shyjs"));
        hall.CallNext(1); hall.Do(new StartService(1)); hall.Do(new CompleteService(1));
        hall.CallNext(3); hall.Do(new ParkTicket(3));
        hall.Do(new PostNotice("今日中午不打烊"));
        var expected = TestHall.Fingerprint(hall.State);
        Assert.Equal(expected, TestHall.Fingerprint(hall.Replay()));
        var copy = HallState.FromSnapshot(hall.Config, hall.State.ToSnapshot());
        Assert.Equal(expected, TestHall.Fingerprint(copy));
        Assert.Equal(Dispatcher.Next(hall.State, hall.State.Window(1)!, hall.Now)?.Id, Dispatcher.Next(copy, copy.Window(1)!, hall.Now)?.Id);
    }
}
