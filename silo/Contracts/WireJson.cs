using System.Text.Json;
using System.Text.Json.Serialization;

namespace Queue.Contracts;

/// <summary>How our records are written on every wire: REST, the hub, and grain calls.</summary>
public static class WireJson
{
    /// <summary>Enums as camelCase names; a number is refused rather than bound to whatever value it happens to be.</summary>
    public static JsonStringEnumConverter Enums() => new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
}
