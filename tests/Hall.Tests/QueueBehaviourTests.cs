using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>Issue #12's queue behaviour in the pure domain: every change also replays and restores from a snapshot.</summary>
public class QueueBehaviourTests
{
    [Fact]
    public void A_bundle_transferred_to_a_window_of_its_next_step_is_done_with_the_step_it_left()
    {
        var hall = new TestHall();
        hall.Open(1, 4);
        var t = hall.State.TicketById(hall.Do(new IssueTicket(hall.NewId(), BundleId: "shyjs")).TicketId!)!;
        hall.CallNext(1);
        var sent = hall.Do(new TransferTicket(1, null, 4, "出件"));
        Assert.True(sent.Events.OfType<TicketTransferred>().Single().NextStep);
        Assert.Equal(("result", 1), (t.CategoryCode, t.Step));
        Assert.Equal(t.Id, hall.CallNext(4)!.Id);
        hall.Do(new CompleteService(4));
        Assert.Equal(TicketStatus.Completed, t.Status);
        Assert.Null(hall.CallNext(4));
        AssertReplaysAndRestores(hall);
    }

    [Fact]
    public void A_transfer_to_a_window_that_also_serves_the_current_step_keeps_the_step()
    {
        var hall = new TestHall();
        hall.Open(1, 2);
        var t = hall.State.TicketById(hall.Do(new IssueTicket(hall.NewId(), BundleId: "shyjs")).TicketId!)!;
        hall.CallNext(1);
        Assert.False(hall.Do(new TransferTicket(1, null, 2, "换窗口")).Events.OfType<TicketTransferred>().Single().NextStep);
        Assert.Equal(("general", 0), (t.CategoryCode, t.Step));
    }

    [Fact]
    public void At_midnight_only_waiting_tickets_expire_and_those_at_windows_are_finished_normally()
    {
        var hall = new TestHall();
        hall.Open(1, 2);
        var parked = hall.Issue();
        var served = hall.Issue();
        var waiting = hall.Issue();
        hall.CallNext(1);
        hall.Do(new StartService(1));
        hall.Do(new ParkTicket(1));
        hall.CallNext(2);
        hall.Now = new DateTimeOffset(2026, 11, 23, 16, 1, 0, TimeSpan.Zero);   // 00:01 the next day in Shanghai
        Assert.Null(hall.Do(new CompleteService(2)).Refusal);

        Assert.Equal(TicketStatus.Completed, served.Status);
        Assert.Equal(TicketStatus.Expired, waiting.Status);
        Assert.Null(hall.State.TicketById(waiting.Id));
        Assert.Same(parked, hall.State.TicketById(parked.Id));
        Assert.Equal(parked.Id, hall.State.TicketById(hall.Do(new ResumeParked(1)).TicketId!)!.Id);
        Assert.Equal("A001", hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general", IgnoreOpeningHours: true)).Events.OfType<TicketIssued>().Single().Number);
        AssertReplaysAndRestores(hall);
    }

    [Fact]
    public void A_category_gives_no_more_numbers_than_its_daily_limit()
    {
        var config = TestHall.Config3();
        var hall = new TestHall(config with { Categories = [.. config.Categories.Select(c => c.Code == "tax" ? c with { DailyLimit = 1 } : c)] });
        var tax = hall.Config.Category("tax")!;
        Assert.Equal(1, hall.State.LeftToday(tax));
        hall.Issue("tax");
        Assert.Equal(0, hall.State.LeftToday(tax));
        Assert.Equal("sold-out-today", hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "tax")).Refusal?.Code);
        Assert.Null(hall.State.LeftToday(hall.Config.Category("general")!));
        hall.Issue("general");

        // A booked slot was promised: its check-in gets a number past the limit.
        Assert.Null(hall.Do(new BookAppointment("YY1", "tax", null, hall.Now.AddMinutes(10), hall.Now.AddMinutes(40))).Refusal);
        Assert.Null(hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: "YY1")).Refusal);
    }

    [Fact]
    public void Complete_and_call_next_retried_with_its_key_neither_completes_nor_calls_twice()
    {
        var hall = new TestHall();
        hall.Issue(); hall.Issue(); hall.Issue();
        hall.Open(1);
        var first = hall.CallNext(1)!;
        var d = hall.Do(new CompleteAndCallNext(1) { Key = "k" });
        var again = hall.Do(new CompleteAndCallNext(1) { Key = "k" });
        Assert.Equal(TicketStatus.Completed, first.Status);
        Assert.Equal(d.TicketId, again.TicketId);
        Assert.Empty(again.Events);
        Assert.Equal(TicketStatus.Called, hall.State.TicketById(d.TicketId!)!.Status);
        Assert.Equal(1, hall.State.Queues.WaitingIn("general"));
    }

    [Fact]
    public void A_force_closed_window_sends_its_ticket_to_the_head_of_its_queue()
    {
        var hall = new TestHall();
        hall.Open(1, 2);
        var a = hall.Issue();
        hall.Issue();
        hall.CallNext(1);
        Assert.Equal("reason-required", hall.Do(new ForceCloseWindow(1, null)).Refusal?.Code);
        var d = hall.Do(new ForceCloseWindow(1, "停电"));
        Assert.Equal((a.Id, WindowState.Closed), (d.TicketId, hall.State.Window(1)!.State));
        Assert.Equal((TicketStatus.Waiting, 0), (a.Status, hall.State.PeopleAhead(a, hall.Now)));
        Assert.Equal(a.Id, hall.CallNext(2)!.Id);
        AssertReplaysAndRestores(hall);
    }

    [Fact]
    public void Lunch_break_refusal_names_the_午休_and_when_it_ends()
    {
        var hall = new TestHall(TestHall.Config3() with { Hours = new OpeningHours { LunchService = false, Days = [1, 2, 3, 4, 5, 6, 7] } });
        hall.Now = new DateTimeOffset(2026, 11, 23, 4, 10, 0, TimeSpan.Zero);   // 12:10 in Shanghai
        Assert.Equal("现在是午休时间（12:00–14:00），14:00 起办理", hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general")).Refusal?.Zh);
        hall.Now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);   // 18:00
        Assert.Equal("现在不是办事时间（08:30–17:30）", hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general")).Refusal?.Zh);
    }

    private static void AssertReplaysAndRestores(TestHall hall)
    {
        Assert.Equal(TestHall.Fingerprint(hall.State), TestHall.Fingerprint(hall.Replay()));
        Assert.Equal(TestHall.Fingerprint(hall.State), TestHall.Fingerprint(HallState.FromSnapshot(hall.Config, hall.State.ToSnapshot())));
    }
}
