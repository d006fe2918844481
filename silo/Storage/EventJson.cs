using Queue.Contracts;
using System.Text.Json;
using System.Text.Json.Serialization;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Storage;

/// <summary>How events and snapshots look on disk. Event names come from <see cref="HallEvent"/>'s discriminators.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // PostgreSQL's jsonb keeps keys in its own order (shortest first), so "kind" may no longer lead an event's object.
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Serialize(HallEvent e) => JsonSerializer.Serialize(e, Options);
    public static HallEvent Deserialize(string json) => JsonSerializer.Deserialize<HallEvent>(json, Options)!;
    public static string Serialize(HallSnapshot s) => JsonSerializer.Serialize(s, Options);
    public static HallSnapshot DeserializeSnapshot(string json) => JsonSerializer.Deserialize<HallSnapshot>(json, Options)!;

    /// <summary>The stored kind name of an event, e.g. "TicketCalled".</summary>
    public static string Kind(HallEvent e) => e.GetType().Name;
}
