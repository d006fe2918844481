using System.Text.Json;

namespace Queue.Screens;

/// <summary>
/// One configured screen: which window it belongs to, which driver, and where it hangs
/// (serial:///dev/ttyUSB0?baud=9600 or tcp://host:port, the printer's address form).
/// Options are driver-specific; unknown ones are ignored.
/// </summary>
public sealed record ScreenConfig(string Id, int WindowNo, string Driver, string? Address = null,
    Dictionary<string, JsonElement>? Options = null)
{
    public int Int(string name, int fallback) =>
        Options?.TryGetValue(name, out var v) == true && v.TryGetInt32(out int i) ? i : fallback;

    public bool Bool(string name, bool fallback) =>
        Options?.TryGetValue(name, out var v) == true && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    public string? String(string name) =>
        Options?.TryGetValue(name, out var v) == true && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
