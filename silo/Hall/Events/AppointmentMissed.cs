using System.Text.Json.Serialization;

namespace Queue.Hall.Events;

/// <summary>爽约: an appointment's check-in window closed without a check-in or a cancel. <see cref="PhoneKey"/> is the
/// booking's keyed hash of the phone, so no-shows are counted per phone without the number.</summary>
public sealed record AppointmentMissed(string Code, DateTimeOffset SlotStart, DateTimeOffset SlotEnd, DateTimeOffset At) : HallEvent(At)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PhoneKey { get; init; }
}
