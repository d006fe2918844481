using Queue.Hall.Events;
using Queue.Hall;

namespace Queue.Silo.Halls;

public static class HallAnswers
{
    public static HallAnswer From(HallState s, Decision d, DateTimeOffset now) => d.Refusal is { } r
        ? new HallAnswer(r, null, null, s.Notice)
        : new HallAnswer(null,
            d.TicketId is { } id && s.TicketById(id) is { } t ? Views.Ticket(s, t, now) : null,
            d.WindowNo is int no && s.Window(no) is { } w ? Views.Window(s, w, forStaff: true) : null,
            s.Notice,
            d.Events.OfType<ServiceRated>().FirstOrDefault() is { } rated ? Views.Rating(s, rated) : null,
            d.TicketId is { } code ? s.Appointments.GetValueOrDefault(code) : null);
}
