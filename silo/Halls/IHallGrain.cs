using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Halls;

/// <summary>One hall of the day (keyed by hall id): its windows, queues and tickets. Every call runs one at a time.</summary>
public interface IHallGrain : IGrainWithStringKey
{
    /// <summary>Decides, appends durably, applies, then answers; nothing is answered before the append returns.</summary>
    Task<HallAnswer> Run(HallCommand command);

    /// <summary>The full state, as the hub sends it first.</summary>
    Task<HallStateView> State();

    Task<HallSummaryView> Summary();

    /// <summary>Sends every screen the whole state again, in order with the hall's other messages (see <see cref="IHallListener.Resync"/>).</summary>
    Task Resync();

    /// <summary>A ticket by its secret id (never by number: the number is public), with the kiosk that issued it; null when unknown.</summary>
    Task<FoundTicket?> Ticket(string ticketRef);

    /// <summary>The slots of a category on a hall-local date, with the seats left in each.</summary>
    Task<IReadOnlyList<AppointmentSlotView>> Slots(string categoryCode, DateOnly date);

    /// <summary>A booked appointment by its code (as typed at a kiosk), its name and phone still sealed; null when unknown.</summary>
    Task<Appointment?> Appointment(string code);
}

/// <summary>
/// What a command did, built in one place (<see cref="HallAnswers"/>) from the state right after it: the refusal, or
/// the ticket and window it concerned. No refusal and no ticket from call-next means nobody was waiting.
/// </summary>
/// <summary><see cref="Rating"/>: what a 好差评 recorded; <see cref="Appointment"/>: the appointment a booking made or
/// cancelled, as it stands after (so a booking asks the hall once, not again for its view behind the 8:00 herd).</summary>
public sealed record HallAnswer(Refusal? Refusal, TicketView? Ticket, WindowView? Window, string Notice, RatingView? Rating = null, Appointment? Appointment = null);

public sealed record FoundTicket(TicketView View, string? KioskId);
