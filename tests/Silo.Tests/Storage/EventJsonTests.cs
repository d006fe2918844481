using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Silo.Tests.Storage;

public class EventJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_keyed_event_stores_its_command_and_one_logged_before_that_still_reads_back()
    {
        var keyed = EventJson.Serialize(new TicketCalled("t1", 1, "c01", At) { Key = "click-1", Command = "CallNext", Fingerprint = "AB12" });
        Assert.Equal(("CallNext", "AB12"), (EventJson.Deserialize(keyed).Command, EventJson.Deserialize(keyed).Fingerprint));
        Assert.DoesNotContain("fingerprint", EventJson.Serialize(new TicketCalled("t1", 1, "c01", At)));

        var old = EventJson.Deserialize("""{"kind":"TicketCalled","ticketId":"t1","windowNo":1,"clerkId":"c01","at":"2026-11-23T02:00:00+00:00","key":"click-1"}""");
        Assert.Equal("click-1", old.Key);
        Assert.Null(old.Command);
        Assert.Null(old.Fingerprint);
    }

    [Fact]
    public void Who_cancelled_or_reinstated_reads_back_from_logs_written_before_every_event_said_who()
    {
        var cancelled = EventJson.Deserialize("""{"kind":"TicketCancelled","ticketId":"t1","by":"resident","at":"2026-11-23T02:00:00+00:00"}""");
        var reinstated = EventJson.Deserialize("""{"kind":"TicketReinstated","ticketId":"t1","by":"c01","at":"2026-11-23T02:00:00+00:00"}""");
        Assert.Equal(("t1", "resident"), (Assert.IsType<TicketCancelled>(cancelled).TicketId, cancelled.By));
        Assert.Equal(("t1", "c01"), (Assert.IsType<TicketReinstated>(reinstated).TicketId, reinstated.By));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(EventJson.Serialize(new TicketCancelled("t1", At) { By = "user:c01" }), "\"by\""));
    }

    [Fact]
    public void A_remote_ticket_and_its_arrival_read_back_and_a_ticket_logged_before_remote_taking_is_a_hall_one()
    {
        var issued = new TicketIssued("t1", "A001", "A", 1, ["general"], [], null, Hall.Priority.Normal, null, null, null, null, null, At)
            { Remote = true, ArrivalCode = "ARRIVE23" };
        var back = Assert.IsType<TicketIssued>(EventJson.Deserialize(EventJson.Serialize(issued)));
        Assert.Equal((true, "ARRIVE23"), (back.Remote, back.ArrivalCode));
        var arrived = EventJson.Serialize(new TicketArrived("t1", "door", At));
        Assert.Contains("\"kind\":\"TicketArrived\"", arrived);
        Assert.Equal("door", Assert.IsType<TicketArrived>(EventJson.Deserialize(arrived)).Via);

        var hallOne = EventJson.Serialize(issued with { Remote = false, ArrivalCode = null });
        Assert.DoesNotContain("remote", hallOne);   // logs of hall tickets are as they were
        Assert.False(Assert.IsType<TicketIssued>(EventJson.Deserialize(hallOne)).Remote);
    }

    [Fact]
    public void An_event_whose_kind_is_not_its_first_property_reads_back_as_PostgreSQL_jsonb_returns_it()
    {
        var reordered = EventJson.Deserialize("""{"at":"2026-11-23T02:00:00+00:00","key":"k1","kind":"NoticePosted","text":"通知"}""");
        Assert.Equal(("通知", "k1"), (Assert.IsType<NoticePosted>(reordered).Text, reordered.Key));
    }
}
