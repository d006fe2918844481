using System.Text.Json.Serialization;

namespace Queue.Hall.Events;

/// <summary>A ticket moved to another category or to one named window, keeping its arrival order (转移).
/// <see cref="NextStep"/>: the target is the route's next step (a transfer to the 出件窗口), so the step it left is done.</summary>
public sealed record TicketTransferred(
    string TicketId, int? FromWindowNo, string? ToCategory, int? ToWindowNo, string? Reason, DateTimeOffset At) : HallEvent(At)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool NextStep { get; init; }
}
