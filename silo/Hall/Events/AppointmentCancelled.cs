namespace Queue.Hall.Events;

/// <summary>A booked appointment was cancelled (by its resident, with the code and the phone's last four digits): its seat
/// in the slot is free again.</summary>
public sealed record AppointmentCancelled(string Code, DateTimeOffset At) : HallEvent(At);
