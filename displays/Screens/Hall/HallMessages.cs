using System.Text.Json;

namespace Queue.Screens.Hall;

// The part of the silo's hub messages (docs/api.md) that window screens need. States stay
// strings so a value added later (extend, never rename) does not break an old agent.

public sealed record HallHours(string Open, string Close, string? LunchStart, string? LunchEnd, bool LunchService, IReadOnlyList<int>? Days = null);

public sealed record CurrentTicket(string Number, string Status, DateTimeOffset? CalledAt);

/// <summary>A window (窗口): no, name, state closed|open|paused, and its current ticket.</summary>
public sealed record WindowInfo(int No, string Name, string State, CurrentTicket? Current);

public sealed record HallSnapshot(string HallId, string? Name, long Seq, string? TimeZone, bool IsOpenNow,
    HallHours? Hours, IReadOnlyList<WindowInfo> Windows);

public sealed record TicketCalled(long Seq, string TicketNumber, int WindowNo, string? WindowName, DateTimeOffset At, bool IsRecall);

public sealed record WindowChanged(long Seq, WindowInfo Window);

public static class HallMessages
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HallSnapshot Snapshot(JsonElement e) => Read<HallSnapshot>(e);
    public static TicketCalled Called(JsonElement e) => Read<TicketCalled>(e);
    public static WindowChanged Changed(JsonElement e) => Read<WindowChanged>(e);

    static T Read<T>(JsonElement e) =>
        e.Deserialize<T>(Json) ?? throw new JsonException($"Expected a {typeof(T).Name}, got null.");
}
