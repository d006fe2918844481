using Queue.Hall;

namespace Queue.Hall.Tests;

/// <summary>The appointment bound (Dispatcher.cs): booked residents due now cannot crowd out a walk-in past its target.</summary>
public class AppointmentBoundTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_walk_in_past_its_target_is_called_after_at_most_M_appointments_and_before_its_target_waits_for_them_all(int m)
    {
        var hall = new TestHall(TestHall.Config3() with { AppointmentCallsInARow = m });
        hall.Open(3);                                           // the tax window: tax target 20 minutes
        var early = hall.Issue("tax");
        hall.Advance(TimeSpan.FromMinutes(21));
        var late = hall.Issue("tax");                           // not yet past its target when the bound is reached
        for (var i = 0; i < m + 3; i++)
        {
            var code = $"YY{i}";
            Assert.Null(hall.Do(new BookAppointment(code, "tax", null, hall.Now.AddMinutes(1), hall.Now.AddMinutes(31))).Refusal);
            Assert.Null(hall.Do(new IssueTicket(hall.NewId(), AppointmentCode: code)).Refusal);
        }

        var calls = new List<string>();
        for (var i = 0; i < m + 5; i++)
        {
            var called = hall.CallNext(3)!;
            calls.Add(called.Id == early.Id ? "early" : called.Id == late.Id ? "late" : "appointment");
            Assert.Null(hall.Do(new CompleteService(3)).Refusal);
        }
        // M appointments, then the overdue walk-in; the rest of the due appointments before the walk-in still in its target.
        Assert.Equal([.. Enumerable.Repeat("appointment", m), "early", .. Enumerable.Repeat("appointment", 3), "late"], calls);
    }
}
