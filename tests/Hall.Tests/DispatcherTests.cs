using Queue.Hall;

namespace Queue.Hall.Tests;

/// <summary>Each row: a hall arranged by a few actions, a window asking, and the number it must call.</summary>
public class DispatcherTests
{
    public sealed record Case(string Name, Action<TestHall> Arrange, int Window, string? Expected)
    {
        public override string ToString() => Name;
    }

    private static void At(TestHall h, int minutes) => h.Now = TestHall.Monday10.AddMinutes(minutes);

    public static TheoryData<Case> Cases => new()
    {
        new("FIFO within a category", h => { h.Issue(); h.Issue(); }, 1, "A001"),
        new("green channel before an earlier normal ticket", h => { h.Issue(); h.Issue("tax", Priority.Green); }, 1, "C001"),
        new("green channel FIFO across categories", h => { h.Issue("tax", Priority.Green); h.Issue("general", Priority.Green); }, 1, "C001"),
        new("a window never calls a category it does not serve", h => { h.Issue(); }, 3, null),
        new("a dedicated window skips other categories' green tickets", h => { h.Issue("general", Priority.Green); h.Issue("tax"); }, 3, "C001"),
        new("preferred category wins among fresh tickets", h => { h.Issue("general"); h.Issue("tax"); }, 2, "C001"),
        new("a long wait beats the preference bonus",
            h => { h.Issue("tax"); At(h, 25); h.Issue("general"); }, 1, "C001"),
        new("the preference bonus beats a short wait",
            h => { h.Issue("tax"); At(h, 5); h.Issue("general"); }, 1, "A001"),
        new("wait is weighed against each category's own target",
            // window 2 prefers tax: general waited 31 of 15 minutes (2.07), tax 30 of 20 (1.5 + 0.5 bonus = 2.0)
            h => { h.Issue("general"); At(h, 1); h.Issue("tax"); At(h, 31); }, 2, "A001"),
        new("equal scores go to the earlier arrival",
            h => { h.Issue("tax"); h.Issue("tax"); }, 3, "C001"),
        new("an appointment due now goes before normal tickets", h =>
        {
            h.Issue();
            Assert.Null(h.Do(new BookAppointment("YY1", "general", null, h.Now.AddMinutes(2), h.Now.AddMinutes(30))).Refusal);
            Assert.Null(h.Do(new IssueTicket(h.NewId(), AppointmentCode: "YY1")).Refusal);
        }, 1, "A002"),
        new("an early appointment waits behind normal tickets", h =>
        {
            h.Issue();
            Assert.Null(h.Do(new BookAppointment("YY2", "general", null, h.Now.AddMinutes(25), h.Now.AddMinutes(55))).Refusal);
            Assert.Null(h.Do(new IssueTicket(h.NewId(), AppointmentCode: "YY2")).Refusal);
        }, 1, "A001"),
        new("an idle window serves an early appointment rather than nobody", h =>
        {
            Assert.Null(h.Do(new BookAppointment("YY3", "general", null, h.Now.AddMinutes(25), h.Now.AddMinutes(55))).Refusal);
            Assert.Null(h.Do(new IssueTicket(h.NewId(), AppointmentCode: "YY3")).Refusal);
        }, 1, "A001"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Window_calls_the_expected_ticket(Case c)
    {
        var hall = new TestHall();
        c.Arrange(hall);
        hall.Open(c.Window);
        var before = TestHall.Fingerprint(hall.State);
        var chosen = Dispatcher.Next(hall.State, hall.State.Window(c.Window)!, hall.Now);
        Assert.Equal(c.Expected, chosen?.Number);
        Assert.Equal(before, TestHall.Fingerprint(hall.State)); // choosing never changes the hall
    }

    [Fact]
    public void Ticket_sent_to_a_window_by_name_goes_before_its_queue_but_after_green()
    {
        var hall = new TestHall();
        hall.Open(1, 4);
        hall.Issue("result");                                   // R001 waits at the result lane
        var a = hall.Issue();                                   // A001
        hall.CallNext(1);
        Assert.Null(hall.Do(new TransferTicket(1, null, 4, "出件")).Refusal);
        Assert.Equal(a.Number, Dispatcher.Next(hall.State, hall.State.Window(4)!, hall.Now)!.Number);
        hall.Issue("result", Priority.Green);                   // R002 green
        Assert.Equal("R002", Dispatcher.Next(hall.State, hall.State.Window(4)!, hall.Now)!.Number);
        Assert.Null(Dispatcher.Next(hall.State, hall.State.Window(1)!, hall.Now)); // nobody else takes A001
    }

    [Fact]
    public void Same_state_and_clock_give_the_same_choice()
    {
        var a = new TestHall();
        var b = new TestHall();
        foreach (var h in new[] { a, b })
        {
            h.Issue(); h.Issue("tax"); h.Issue("general", Priority.Green); h.Advance(TimeSpan.FromMinutes(7)); h.Open(1, 2, 3);
        }
        foreach (var w in new[] { 1, 2, 3 })
            Assert.Equal(Dispatcher.Next(a.State, a.State.Window(w)!, a.Now)?.Id, Dispatcher.Next(b.State, b.State.Window(w)!, b.Now)?.Id);
    }
}
