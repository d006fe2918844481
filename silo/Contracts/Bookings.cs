using System.Text.Json.Serialization;

namespace Queue.Contracts;

/// <summary>GET /api/halls/{hallId}/appointment-slots?date=&amp;categoryCode=: a bookable slot and the seats left in it.</summary>
public sealed record AppointmentSlotView(DateTimeOffset Start, DateTimeOffset End, string CategoryCode, int Capacity, int Left);

/// <summary>POST /api/halls/{hallId}/appointments: one of categoryCode, matterIds or bundleId; a slot's start; the phone.</summary>
public sealed record BookingBody(string? CategoryCode, string[]? MatterIds, string? BundleId, DateTimeOffset? SlotStart, string? Phone, string? Name = null);

/// <summary>POST …/appointments/{code}/cancel.</summary>
public sealed record Phone4Body(string? Phone4);

/// <summary>A booking, to the resident who holds its code: the slot, what it is for, the name and phone masked, and
/// <see cref="Status"/>: booked, checkedIn or cancelled.</summary>
public sealed record BookingView(string Code, SlotView Slot, string CategoryCode, string CategoryName, IReadOnlyList<NamedView> Matters, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone);
