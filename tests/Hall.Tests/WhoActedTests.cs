using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>What the audit rests on: every event a command causes says who asked and why; what the hall does by itself says no one.</summary>
public class WhoActedTests
{
    [Fact]
    public void Every_event_of_a_command_carries_its_actor_and_reason_and_a_refusal_records_nothing()
    {
        var hall = new TestHall();
        var issued = hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general") { By = "device:d1" });
        hall.Do(new OpenWindow(1, "c01") { By = "user:c01", Clerk = "c01" });
        hall.Do(new CallNext(1) { By = "user:c01", Clerk = "c01" });
        var transferred = hall.Do(new TransferTicket(1, "tax", null, "材料不全") { By = "user:c01", Why = "材料不全", Clerk = "c01" });
        var refused = hall.Do(new CallNext(1) { By = "user:c02", Clerk = "c02" });

        Assert.Equal("not-your-window", refused.Refusal?.Code);
        Assert.Equal(["DayStarted", "TicketIssued", "WindowOpened", "TicketCalled", "TicketTransferred"], hall.Log.Select(e => e.GetType().Name));
        Assert.Equal([null, "device:d1", "user:c01", "user:c01", "user:c01"], hall.Log.Select(e => e.By));
        Assert.Equal("材料不全", Assert.Single(transferred.Events).Why);
        Assert.Null(Assert.Single(issued.Events).Why);
    }

    [Fact]
    public void An_auto_call_after_a_kiosk_ticket_is_the_halls_own_and_names_no_actor()
    {
        var hall = new TestHall(TestHall.Config3(autoCall: true));
        hall.Open(1);
        hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general") { By = "device:d1", Key = "tap-1" });

        var issued = Assert.IsType<TicketIssued>(hall.Log[^2]);
        var called = Assert.IsType<TicketCalled>(hall.Log[^1]);
        Assert.Equal((issued.TicketId, 1), (called.TicketId, called.WindowNo));
        Assert.Equal(("device:d1", "tap-1"), (issued.By, issued.Key));
        Assert.Equal((null, null), (called.By, called.Key));
    }
}
