using System.Text.Json.Serialization;

namespace Queue.Hall.Events;

/// <summary>An appointment (预约) was booked for a slot; the resident checks in with its code.</summary>
public sealed record AppointmentBooked(
    string Code, IReadOnlyList<string> Route, IReadOnlyList<string> MatterIds, DateTimeOffset SlotStart, DateTimeOffset SlotEnd, DateTimeOffset At) : HallEvent(At)
{
    /// <summary>The resident's name and phone, sealed before they reach the hall (see <see cref="BookAppointment"/>);
    /// removed from the log once its retention has passed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Phone { get; init; }
    /// <summary>A keyed hash of the phone (never the number): one booking per matter, phone and day is told from it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? PhoneKey { get; init; }
    /// <summary>Where the booking came from when a resident or an integration made it on a slot ("resident", "integration").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Channel { get; init; }
}
