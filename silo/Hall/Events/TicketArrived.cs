namespace Queue.Hall.Events;

/// <summary>A resident who took a number from the phone (线上取号) has checked in at the hall: at a kiosk with the ticket's
/// check-in code (<see cref="Via"/> "kiosk") or by the door's rotating code ("door"). From now on the ticket may be called.</summary>
public sealed record TicketArrived(string TicketId, string Via, DateTimeOffset At) : HallEvent(At);
