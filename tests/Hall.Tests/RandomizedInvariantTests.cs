using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>
/// Random days in a small hall: after every command the hall must still hold each ticket exactly once,
/// and every call must respect the dispatcher's promises. At the end every waiting ticket gets served.
/// </summary>
public class RandomizedInvariantTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void Random_days_keep_every_invariant(int seed, bool autoCall)
    {
        for (var day = 0; day < 25; day++)
        {
            var random = new Random(seed * 1000 + day);
            var hall = new TestHall(TestHall.Config3(autoCall));
            var issued = new List<string>();
            for (var step = 0; step < 250; step++)
            {
                hall.Advance(TimeSpan.FromSeconds(random.Next(0, 90)));
                var command = RandomCommand(hall, random);
                if (command is CallNext call) CheckCall(hall, call.WindowNo);
                else
                {
                    var d = hall.Do(command);
                    if (command is IssueTicket && d.Events.OfType<TicketIssued>().FirstOrDefault() is { } i) issued.Add(i.TicketId);
                }
                CheckHoldsEveryTicketOnce(hall, issued);
            }
            CheckSnapshotRestoresTheSameHall(hall);
            ServeEveryone(hall);
            Assert.Equal(TestHall.Fingerprint(hall.State), TestHall.Fingerprint(hall.Replay()));
        }
    }

    private static HallCommand RandomCommand(TestHall hall, Random r)
    {
        var s = hall.State;
        var window = r.Next(1, 5);
        var someTicket = s.Tickets.Count > 0 ? s.Tickets[r.Next(s.Tickets.Count)] : null;
        string[] categories = ["general", "tax", "result"];
        return r.Next(100) switch
        {
            < 22 => new IssueTicket(hall.NewId(), CategoryCode: categories[r.Next(3)], Priority: r.Next(8) == 0 ? Priority.Green : Priority.Normal) { Key = r.Next(10) == 0 ? "dup" + r.Next(3) : null },
            < 26 => new IssueTicket(hall.NewId(), MatterIds: r.Next(2) == 0 ? ["qykb", "fpdk"] : ["fpdk", "sbksl"]),
            < 29 => new IssueTicket(hall.NewId(), BundleId: "shyjs"),
            < 34 => new OpenWindow(window, $"c{window}"),
            < 36 => r.Next(3) == 0 ? new ForceCloseWindow(window, "random") : new CloseWindow(window),
            < 38 => new PauseWindow(window),
            < 40 => new ResumeWindow(window),
            < 56 => new CallNext(window),
            < 59 => new Recall(window),
            < 66 => new StartService(window),
            < 78 => r.Next(3) == 0 ? new CompleteAndCallNext(window) : new CompleteService(window),
            < 82 => new MarkNoShow(window),
            < 84 => new ParkTicket(window),
            < 86 => new ResumeParked(window),
            < 89 => r.Next(2) == 0 ? new TransferTicket(window, categories[r.Next(3)], null, "random") : new TransferTicket(window, null, r.Next(1, 5), "random"),
            < 92 when someTicket is not null => new CancelTicket(someTicket.Id),
            < 96 when someTicket is not null => r.Next(2) == 0 ? new ReinstateTicket(someTicket.Number) : new ReinstateNoShow(window, someTicket.Number),
            < 100 when someTicket is not null => new ChangePriority(someTicket.Id, r.Next(2) == 0 ? Priority.Green : Priority.Normal, "manager"),
            _ => new CallNext(window),
        };
    }

    // Calls at a window and checks the choice against the promises: eligibility, green first within its bound, lane heads only.
    private static void CheckCall(TestHall hall, int windowNo)
    {
        var s = hall.State;
        var w = s.Window(windowNo)!;
        var waiting = s.Tickets.Where(t => t.Status == TicketStatus.Waiting).ToList();
        var greenWaiting = waiting.Any(t => t.Priority == Priority.Green && (t.DirectedWindow == windowNo || (t.DirectedWindow is null && w.CanServe(t.CategoryCode))));
        var heads = waiting.Where(t => t.DirectedWindow is null)
            .GroupBy(t => (t.CategoryCode, t.Priority))
            .Select(g => g.OrderBy(t => t.QueueKey).ThenBy(t => t.Order).First().Id).ToHashSet();
        var anyEligible = waiting.Any(t => t.DirectedWindow == windowNo || (t.DirectedWindow is null && w.CanServe(t.CategoryCode)));
        var directedTo = waiting.Where(t => t.DirectedWindow == windowNo).Select(t => t.Id).ToHashSet();
        // The green bound: N green calls since the last from a normal lane, and a normal head served here past its target.
        var boundReached = w.GreenCalls >= s.Config.GreenCallsInARow && waiting.Any(t => heads.Contains(t.Id) && t.Priority == Priority.Normal
            && w.CanServe(t.CategoryCode) && hall.Now - t.IssuedAt > TimeSpan.FromMinutes(s.Config.Category(t.CategoryCode)!.TargetWaitMinutes));

        var d = hall.Do(new CallNext(windowNo));
        if (d.IsRefused || w.State != WindowState.Open) return;
        if (d.TicketId is null)
        {
            Assert.False(anyEligible && s.CurrentAt(w) is null, $"window {windowNo} called nobody while an eligible ticket waited");
            return;
        }
        var called = s.TicketById(d.TicketId)!;
        Assert.True(directedTo.Contains(called.Id) || w.CanServe(called.CategoryCode), $"window {windowNo} called {called.Number} of {called.CategoryCode}");
        if (boundReached) Assert.True(called.Priority == Priority.Normal && !directedTo.Contains(called.Id), $"window {windowNo} passed its green bound with {called.Number}");
        else if (greenWaiting) Assert.Equal(Priority.Green, called.Priority);
        Assert.True(directedTo.Contains(called.Id) || heads.Contains(called.Id), $"{called.Number} was not at the head of its lane");
    }

    private static void CheckHoldsEveryTicketOnce(TestHall hall, List<string> issued)
    {
        var s = hall.State;
        Assert.Equal(issued.Count, s.Tickets.Count);
        Assert.Equal(issued.Order(), s.Tickets.Select(t => t.Id).Order());
        Assert.Equal(s.Tickets.Count, s.Tickets.Select(t => t.Number).Distinct().Count());
        var waiting = s.Tickets.Where(t => t.Status == TicketStatus.Waiting).ToList();
        var queued = 0;
        foreach (var c in s.Config.Categories)
        {
            var lanes = s.Queues.Category(c.Code);
            queued += lanes.Green.Count + lanes.Appointment.Count + lanes.Normal.Count;
            Assert.Equal(waiting.Count(t => t.CategoryCode == c.Code), lanes.Waiting);
        }
        foreach (var w in s.WindowsInOrder) queued += s.Queues.Directed(w.No)?.Count ?? 0;
        Assert.Equal(waiting.Count, queued);
        var current = s.WindowsInOrder.Where(w => w.CurrentTicketId is not null).Select(w => w.CurrentTicketId!).ToList();
        Assert.Equal(current.Count, current.Distinct().Count());
        var atWindows = s.Tickets.Where(t => t.Status is TicketStatus.Called or TicketStatus.Serving).Select(t => t.Id).Order();
        Assert.Equal(atWindows, current.Order());
    }

    // A restart from a snapshot must leave a hall that decides exactly as the live one would.
    private static void CheckSnapshotRestoresTheSameHall(TestHall hall)
    {
        var restored = HallState.FromSnapshot(hall.Config, hall.State.ToSnapshot());
        Assert.Equal(TestHall.Fingerprint(hall.State), TestHall.Fingerprint(restored));
        foreach (var w in hall.State.WindowsInOrder)
        {
            Assert.Equal(w.Parked, restored.Window(w.No)!.Parked);
            Assert.Equal(Dispatcher.Next(hall.State, w, hall.Now)?.Id, Dispatcher.Next(restored, restored.Window(w.No)!, hall.Now)?.Id);
        }
        foreach (var t in hall.State.Tickets.Where(t => t.Status == TicketStatus.Waiting))
            Assert.Equal(hall.State.PeopleAhead(t, hall.Now), restored.PeopleAhead(restored.TicketById(t.Id)!, hall.Now));
    }

    // With every window open and calling, every waiting ticket is served in a bounded number of rounds.
    private static void ServeEveryone(TestHall hall)
    {
        var s = hall.State;
        foreach (var w in s.WindowsInOrder)
        {
            if (w.State == WindowState.Paused) hall.Do(new ResumeWindow(w.No));
            if (w.State == WindowState.Closed) hall.Do(new OpenWindow(w.No, "closing-time"));
        }
        for (var round = 0; round < 2000 && s.Tickets.Any(t => t.Status is TicketStatus.Waiting or TicketStatus.Called or TicketStatus.Serving); round++)
        {
            hall.Advance(TimeSpan.FromSeconds(30));
            foreach (var w in s.WindowsInOrder)
            {
                if (w.CurrentTicketId is null) CheckCall(hall, w.No);
                else hall.Do(new CompleteService(w.No));
            }
        }
        Assert.DoesNotContain(s.Tickets, t => t.Status is TicketStatus.Waiting or TicketStatus.Called or TicketStatus.Serving);
    }
}
