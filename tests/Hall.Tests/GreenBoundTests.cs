using Queue.Hall;

namespace Queue.Hall.Tests;

/// <summary>The green channel's bound (Dispatcher.cs): a steady green stream cannot starve a normal ticket past its target.</summary>
public class GreenBoundTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_normal_head_past_its_target_is_called_after_at_most_N_green_calls(int n)
    {
        var hall = new TestHall(TestHall.Config3() with { GreenCallsInARow = n });
        hall.Open(3);                                           // the tax window: tax target 20 minutes
        var normal = hall.Issue("tax");
        hall.Advance(TimeSpan.FromMinutes(21));
        for (var i = 0; i < n + 3; i++) hall.Issue("tax", Priority.Green);

        var calls = new List<Priority>();
        while (calls.Count <= n)
        {
            var called = hall.CallNext(3)!;
            calls.Add(called.Priority);
            Assert.Null(hall.Do(new CompleteService(3)).Refusal);
            if (called.Id == normal.Id) break;
        }
        Assert.Equal([.. Enumerable.Repeat(Priority.Green, n), Priority.Normal], calls);
    }

    [Fact]
    public void Before_its_target_wait_a_normal_ticket_lets_every_green_one_go_first()
    {
        var hall = new TestHall();
        hall.Open(3);
        hall.Issue("tax");
        hall.Advance(TimeSpan.FromMinutes(10));
        for (var i = 0; i < 6; i++) hall.Issue("tax", Priority.Green);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(Priority.Green, hall.CallNext(3)!.Priority);
            hall.Do(new CompleteService(3));
        }
        Assert.Equal(Priority.Normal, hall.CallNext(3)!.Priority);
    }

    /// <summary>Random green streams against a few normal residents at one window, for several N: between two calls from a
    /// normal lane there are never more than N green calls while a normal ticket waited past its target, and every
    /// normal ticket is served.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    public void The_bound_holds_in_random_green_streams(int seed, int n)
    {
        var random = new Random(seed);
        var hall = new TestHall(TestHall.Config3() with { GreenCallsInARow = n });
        hall.Open(1);                                           // serves general (target 15) and tax (target 20)
        var greensWhileOverdue = 0;
        for (var step = 0; step < 400; step++)   // about three hours, inside opening hours
        {
            hall.Advance(TimeSpan.FromSeconds(random.Next(10, 50)));
            for (var g = random.Next(0, 3); g > 0; g--) hall.Issue(random.Next(2) == 0 ? "general" : "tax", Priority.Green);
            if (random.Next(6) == 0) hall.Issue(random.Next(2) == 0 ? "general" : "tax");
            var overdue = hall.State.Tickets.Any(t => t is { Status: TicketStatus.Waiting, Priority: Priority.Normal }
                && hall.Now - t.IssuedAt > TimeSpan.FromMinutes(hall.Config.Category(t.CategoryCode)!.TargetWaitMinutes));
            if (hall.CallNext(1) is not { } called) continue;
            if (called.Priority == Priority.Normal) greensWhileOverdue = 0;
            else if (overdue && ++greensWhileOverdue > n) Assert.Fail($"step {step}: {greensWhileOverdue} green calls in a row while a normal ticket was overdue (N = {n})");
            Assert.Null(hall.Do(new CompleteService(1)).Refusal);
        }
        Assert.Equal(hall.Replay().WindowsInOrder[0].GreenCalls, hall.State.WindowsInOrder[0].GreenCalls);
    }
}
