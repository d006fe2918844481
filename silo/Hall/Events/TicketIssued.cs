using System.Text.Json.Serialization;

namespace Queue.Hall.Events;

/// <summary>A resident took a number (取号); <see cref="Remote"/>: from the phone (线上取号), callable once it has
/// <see cref="TicketArrived"/>, checked in at a kiosk with <see cref="ArrivalCode"/> or at the door.</summary>
public sealed record TicketIssued(
    string TicketId, string Number, string Prefix, int DailySeq, IReadOnlyList<string> Route,
    IReadOnlyList<string> MatterIds, string? BundleId, Priority Priority, string? GreenReason,
    string? AppointmentCode, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, string? KioskId,
    DateTimeOffset At) : HallEvent(At)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool Remote { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ArrivalCode { get; init; }
}
