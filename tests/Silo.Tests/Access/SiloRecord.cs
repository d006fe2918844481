using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Queue.Silo.Halls;
using Queue.Silo.Storage;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>
/// What "changes nothing" compares, as one text: every hall's state as GET /api/halls/{id} answers it and its whole event
/// log as stored, every account, every paired device and every alert as the admin lists them (without when a device was last seen:
/// asking as a device, even refused, is being seen).
/// </summary>
public static class SiloRecord
{
    public static async Task<string> Of(SiloApplication silo, HttpClient admin)
    {
        var text = new StringBuilder();
        var store = silo.Services.GetRequiredService<IEventStore>();
        foreach (var hall in silo.Services.GetRequiredService<HallCatalog>().All.Select(h => h.Id))
        {
            text.Append("hall ").AppendLine(hall).AppendLine(await admin.HallJson(hall));
            var log = await store.LoadAsync(hall, CancellationToken.None);
            if (log.Snapshot is { } snapshot) text.Append("snapshot ").AppendLine(EventJson.Serialize(snapshot));
            foreach (var e in log.Events) text.AppendLine(EventJson.Serialize(e));
            var devices = JsonNode.Parse(await admin.GetStringAsync($"/api/halls/{hall}/manage/devices"))!.AsArray();
            foreach (var device in devices) device!.AsObject().Remove("lastSeenAt");
            text.Append("devices ").AppendLine(devices.ToJsonString());
            text.Append("alerts ").AppendLine(await admin.GetStringAsync($"/api/halls/{hall}/manage/alerts"));
        }
        text.Append("users ").AppendLine(await admin.GetStringAsync("/api/admin/users"));
        return text.ToString();
    }

    /// <summary>The first line that differs between two records, for the failure message; null when they are equal.</summary>
    public static string? Difference(string before, string after)
    {
        if (before == after) return null;
        var (a, b) = (before.Split('\n'), after.Split('\n'));
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        static string At(string[] lines, int i) => i < lines.Length ? lines[i] is { Length: > 400 } l ? l[..400] + "…" : lines[i] : "(nothing)";
        return $"line {i + 1} was\n  {At(a, i)}\nand is\n  {At(b, i)}";
    }
}
