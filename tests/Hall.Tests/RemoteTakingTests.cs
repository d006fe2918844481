using System.Text.Json;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>线上取号 (issue 15): a number taken from the phone queues at once, is called only after its resident checks in
/// at the hall, and keeps its place meanwhile.</summary>
public class RemoteTakingTests
{
    // One window for 综合受理 at 8 minutes a resident: three waiting make 24 minutes, two only 16.
    private static TestHall Hall(int walkIns, RemoteTaking? remote = null)
    {
        var hall = new TestHall(TestHall.Config3() with { RemoteTaking = remote ?? new RemoteTaking { MinWaitMinutes = 20 } });
        hall.Open(1);
        for (var i = 0; i < walkIns; i++) hall.Issue();
        return hall;
    }

    private static Decision TakeRemotely(TestHall hall, Priority priority = Priority.Normal) =>
        hall.Do(new IssueTicket(hall.NewId(), CategoryCode: "general", Priority: priority) { Remote = true, NewArrivalCode = "ARRIVE23" });

    private static string? Serve(TestHall hall)
    {
        var called = hall.CallNext(1);
        if (called is not null) Assert.Null(hall.Do(new CompleteService(1)).Refusal);
        return called?.Number;
    }

    [Fact]
    public void A_remote_ticket_counts_where_it_stands_is_skipped_until_it_arrives_and_then_is_called_before_later_numbers()
    {
        var hall = Hall(walkIns: 3);
        var remote = hall.State.TicketById(TakeRemotely(hall).TicketId!)!;
        var after = hall.Issue();

        Assert.Equal(("A004", true, 3), (remote.Number, remote.Away, hall.State.PeopleAhead(remote, hall.Now)));
        Assert.Equal(4, hall.State.PeopleAhead(after, hall.Now));   // the remote one is ahead of it
        Assert.Equal(5, hall.State.WaitingTotal());

        Assert.Equal("A001 A002 A003 A005", $"{Serve(hall)} {Serve(hall)} {Serve(hall)} {Serve(hall)}");
        Assert.Null(Serve(hall));   // only the absent resident is left: nobody to call
        Assert.Equal(TicketStatus.Waiting, remote.Status);
        var later = hall.Issue();

        var arrived = hall.Do(new ArriveTicket(remote.Id, "door"));
        Assert.Equal(remote.Id, Assert.IsType<TicketArrived>(Assert.Single(arrived.Events)).TicketId);
        Assert.Equal(0, hall.State.PeopleAhead(remote, hall.Now));
        Assert.Equal(1, hall.State.PeopleAhead(later, hall.Now));
        Assert.Equal("A004 A006", $"{Serve(hall)} {Serve(hall)}");
        Assert.Equal(TestHall.Fingerprint(hall.State), TestHall.Fingerprint(hall.Replay()));
    }

    [Fact]
    public void A_snapshot_keeps_a_remote_ticket_aside_and_its_check_in_code()
    {
        var hall = Hall(walkIns: 3);
        var id = TakeRemotely(hall).TicketId!;
        var json = JsonSerializer.Serialize(hall.State.ToSnapshot(), TestHall.Json);
        var restored = HallState.FromSnapshot(hall.Config, JsonSerializer.Deserialize<HallSnapshot>(json, TestHall.Json)!);

        Assert.True(restored.TicketById(id)!.Away);
        Assert.Single(restored.Queues.Category("general").Aside);
        var checkIn = Decide.Handle(restored, new IssueTicket(hall.NewId(), AppointmentCode: " arrive23 "), hall.Now);
        Assert.Equal((id, "kiosk"), (checkIn.TicketId, Assert.IsType<TicketArrived>(Assert.Single(checkIn.Events)).Via));
    }

    [Fact]
    public void The_kiosk_checks_a_remote_ticket_in_by_its_code_once_and_a_second_check_in_changes_nothing()
    {
        var hall = Hall(walkIns: 3);
        var id = TakeRemotely(hall).TicketId!;
        var first = hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: "ARRIVE23"));
        Assert.Equal(id, first.TicketId);
        Assert.False(hall.State.TicketById(id)!.Away);
        var seq = hall.State.Seq;

        var again = hall.Do(new ArriveTicket(id, "door"));
        Assert.Equal((id, 0, seq), (again.TicketId, again.Events.Count, hall.State.Seq));
        Assert.Equal("ticket-not-remote", hall.Do(new ArriveTicket(hall.State.Tickets[0].Id, "door")).Refusal?.Code);
    }

    [Fact]
    public void Remote_taking_is_refused_when_off_closed_too_short_unserved_past_closing_or_not_a_plain_number()
    {
        var off = new TestHall();
        off.Open(1);
        Assert.Equal("remote-taking-off", TakeRemotely(off).Refusal?.Code);

        Assert.Equal("remote-wait-short", TakeRemotely(Hall(walkIns: 2)).Refusal?.Code);
        Assert.Equal("remote-priority", TakeRemotely(Hall(walkIns: 3), Priority.Green).Refusal?.Code);

        var nobody = new TestHall(TestHall.Config3() with { RemoteTaking = new RemoteTaking() });
        Assert.Equal("remote-no-window", TakeRemotely(nobody).Refusal?.Code);

        var evening = Hall(walkIns: 3);
        evening.Now = TestHall.Monday10.AddHours(9);   // 19:00, closed since 17:30
        Assert.Equal("hall-closed", TakeRemotely(evening).Refusal?.Code);

        var late = Hall(walkIns: 3);
        late.Now = TestHall.Monday10.AddHours(7).AddMinutes(15);   // 17:15: 24 minutes of queue, 15 left
        Assert.Equal("remote-beyond-closing", TakeRemotely(late).Refusal?.Code);

        foreach (var hall in new[] { off, nobody, evening, late })
            Assert.DoesNotContain(hall.State.Tickets, t => t.Remote);
        var cancelled = Hall(walkIns: 3);
        var id = TakeRemotely(cancelled).TicketId!;
        cancelled.Do(new CancelTicket(id));
        Assert.Equal("ticket-state", cancelled.Do(new ArriveTicket(id, "door")).Refusal?.Code);
    }
}
