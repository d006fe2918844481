namespace Queue.Hall.Events;

/// <summary>An appointment (预约) was booked for a slot; the resident checks in with its code.</summary>
public sealed record AppointmentBooked(
    string Code, IReadOnlyList<string> Route, IReadOnlyList<string> MatterIds, DateTimeOffset SlotStart, DateTimeOffset SlotEnd, DateTimeOffset At) : HallEvent(At);
