using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;

namespace Queue.Silo.Grains;

/// <summary>Tells each window's grain, once a decision is durable, when a call at it began or ended (one-way: the hall never waits).</summary>
public sealed class WindowCalls(IGrainFactory grains) : IHallListener
{
    public void Appending(HallState hall, IReadOnlyList<HallEvent> events, DateTimeOffset now, Task durable)
    {
        foreach (var e in events)
        {
            var (window, ticketId, begins) = e switch
            {
                TicketCalled c => (c.WindowNo, c.TicketId, true),
                TicketRecalled r => (r.WindowNo, r.TicketId, true),
                TicketServiceStarted s => (s.WindowNo, s.TicketId, false),
                TicketCompleted c => (c.WindowNo, c.TicketId, false),
                TicketMarkedNoShow n => (n.WindowNo, n.TicketId, false),
                TicketParked p => (p.WindowNo, p.TicketId, false),
                TicketTransferred { FromWindowNo: int from } t => (from, t.TicketId, false),
                TicketCancelled c when hall.TicketById(c.TicketId)?.WindowNo is int at => (at, c.TicketId, false),
                WindowClosed c => (c.WindowNo, (string?)null, false),
                _ => (0, null, false),
            };
            if (window == 0) continue;
            var grain = grains.GetGrain<IWindowGrain>(IWindowGrain.Key(hall.Config.Id, window));
            var number = ticketId is null ? null : hall.TicketById(ticketId)?.Number;
            var (calledAt, recall) = (e.At, e is TicketRecalled);
            durable.Then(() => _ = begins ? grain.Called(number!, calledAt, recall) : grain.Answered(number));
        }
    }
}
