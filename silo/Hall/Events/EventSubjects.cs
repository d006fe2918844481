namespace Queue.Hall.Events;

/// <summary>Which ticket and window an event is about, for idempotency records and for telling screens.</summary>
public static class EventSubjects
{
    public static string? TicketOf(HallEvent e) => e switch
    {
        TicketIssued i => i.TicketId, TicketCalled c => c.TicketId, TicketRecalled r => r.TicketId,
        TicketServiceStarted s => s.TicketId, TicketCompleted c => c.TicketId, TicketMarkedNoShow n => n.TicketId,
        TicketReinstated r => r.TicketId, TicketParked p => p.TicketId, TicketResumed r => r.TicketId,
        TicketTransferred t => t.TicketId, TicketCancelled c => c.TicketId, TicketPriorityChanged p => p.TicketId,
        TicketReturned r => r.TicketId, ServiceRated r => r.TicketId, TicketArrived a => a.TicketId,
        // A booking's code takes the ticket's place: a retry of the booking is answered with the appointment it made.
        AppointmentBooked a => a.Code, _ => null,
    };

    public static int? WindowOf(HallEvent e) => e switch
    {
        TicketCalled c => c.WindowNo, TicketRecalled r => r.WindowNo, TicketServiceStarted s => s.WindowNo,
        TicketCompleted c => c.WindowNo, TicketMarkedNoShow n => n.WindowNo, TicketParked p => p.WindowNo,
        TicketResumed r => r.WindowNo, TicketTransferred t => t.FromWindowNo, WindowOpened o => o.WindowNo,
        WindowClosed c => c.WindowNo, WindowPaused p => p.WindowNo, WindowResumed r => r.WindowNo,
        WindowCategoriesChanged c => c.WindowNo, TicketReturned r => r.WindowNo, _ => null,
    };
}
