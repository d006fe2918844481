using System.Globalization;
using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Privacy;
using Queue.Silo.Storage;

namespace Queue.Silo.Bookings;

/// <summary>
/// The outbox of booking events (docs/appointments-outbox.md): read straight from the hall's log, so its order is the
/// log's and its cursor a seq; reminders are the puller's to send. A booking's name and phone are shown in full only to
/// the integration that made it (it had them already); to any other caller, masked.
/// </summary>
public static class BookingOutbox
{
    public const int DefaultLimit = 100, MaxLimit = 500;
    private const int Page = 500;

    public static long? ParseCursor(string? after) =>
        string.IsNullOrEmpty(after) ? 0 : long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;

    /// <summary>Booking events after <paramref name="after"/>, at most <paramref name="limit"/>; <paramref name="caller"/> is the
    /// actor id ("device:{id}") a booking's By must be for its contact to be shown in full.</summary>
    public static async Task<BookingEventsPage> Read(IEventStore store, HallConfig hall, PersonalData personal, string? caller, long after, int limit,
        CancellationToken ct)
    {
        var (items, next) = (new List<BookingEvent>(), after);
        await foreach (var e in store.After(hall.Id, next, Page, ct: ct))
        {
            if (items.Count == limit) return new(items, next.ToString(CultureInfo.InvariantCulture));
            if (Item(e, hall, personal, caller) is { } item) items.Add(item);
            next = e.Seq;
        }
        return new(items, next.ToString(CultureInfo.InvariantCulture));
    }

    private static BookingEvent? Item(LoggedEvent logged, HallConfig hall, PersonalData personal, string? caller) => logged.Event switch
    {
        AppointmentBooked b => Booked(logged.Seq, b, hall, personal, caller),
        AppointmentCancelled c => new(logged.Seq, "cancelled", c.At, c.Code, null, null, null, null, null, null),
        TicketIssued { AppointmentCode: { } code } i => new(logged.Seq, "checked-in", i.At, code, null, null, null, null, null, null, Late: i.SlotStart is null),
        AppointmentMissed m => new(logged.Seq, "no-show", m.At, m.Code, new SlotView(m.SlotStart, m.SlotEnd), null, null, null, null, null),
        _ => null,
    };

    private static BookingEvent Booked(long seq, AppointmentBooked b, HallConfig hall, PersonalData personal, string? caller)
    {
        var (name, phone) = (personal.Unprotect(b.Name), personal.Unprotect(b.Phone));
        if (caller is null || b.By != caller) (name, phone) = PersonalData.Masked(name, phone);
        return new(seq, "booked", b.At, b.Code, new SlotView(b.SlotStart, b.SlotEnd), b.Route[0],
            [.. b.MatterIds.Select(id => new NamedView(id, hall.Matter(id)?.Name ?? id))], b.Channel, name, phone);
    }
}
