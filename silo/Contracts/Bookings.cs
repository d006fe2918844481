using System.Text.Json.Serialization;

namespace Queue.Contracts;

/// <summary>GET /api/halls/{hallId}/appointment-slots?date=&amp;categoryCode=: a slot, the seats left in it, and whether it may
/// still be booked (<see cref="Open"/>: false once its cut-off before the start has passed, seats left or not).</summary>
public sealed record AppointmentSlotView(DateTimeOffset Start, DateTimeOffset End, string CategoryCode, int Capacity, int Left, bool Open);

/// <summary>POST /api/halls/{hallId}/appointments: one of categoryCode, matterIds or bundleId; a slot's start; the phone.</summary>
public sealed record BookingBody(string? CategoryCode, string[]? MatterIds, string? BundleId, DateTimeOffset? SlotStart, string? Phone, string? Name = null);

/// <summary>POST …/appointments/{code}/cancel.</summary>
public sealed record Phone4Body(string? Phone4);

/// <summary>A booking, to the resident who holds its code: the slot, what it is for, the name and phone masked, and
/// <see cref="Status"/>: booked, checkedIn, cancelled or missed (爽约); <see cref="Materials"/>: what to bring (材料清单), empty
/// when the hall lists none; <see cref="Channel"/>: resident, integration or staff.</summary>
public sealed record BookingView(string Code, SlotView Slot, string CategoryCode, string CategoryName, IReadOnlyList<NamedView> Matters, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
    IReadOnlyList<string> Materials,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Channel);

/// <summary>GET /api/halls/{hallId}/appointments/events: booking events in log order and the cursor to ask with next.</summary>
public sealed record BookingEventsPage(IReadOnlyList<BookingEvent> Items, string Next);

/// <summary>
/// One event of a booking, for an integration that reminds residents (docs/appointments-outbox.md). <see cref="Type"/>: booked,
/// cancelled, checked-in (<see cref="Late"/>: after the check-in window, as a walk-in) or no-show; <see cref="Seq"/>: its place
/// in the hall's log. The slot comes with booked and no-show; what it is for, the channel, name and phone with booked (name and
/// phone masked unless this integration made the booking). Other types name the booking by its code.
/// </summary>
public sealed record BookingEvent(long Seq, string Type, DateTimeOffset At, string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlotView? Slot,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CategoryCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NamedView>? Matters,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Channel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Late = null);
