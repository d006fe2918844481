using System.Text.Json.Nodes;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Install;

/// <summary>
/// Upgrades keep data: each log in Fixtures/ was written by an earlier build (see its README) and must replay in this
/// one to the halls and tickets that build showed, with its accounts and paired devices still signing in.
/// </summary>
public sealed class UpgradeTests
{
    static readonly string Folder = Path.Combine(SiloProcess.RepoRoot, "tests", "Silo.Tests", "Install", "Fixtures");

    public static TheoryData<string> Fixtures() => [.. Directory.GetDirectories(Folder).Select(d => Path.GetFileName(d)!).Order()];

    [Theory, MemberData(nameof(Fixtures))]
    public async Task An_earlier_builds_log_replays_to_the_same_halls_tickets_accounts_and_devices(string fixture)
    {
        var dir = Path.Combine(Folder, fixture);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")))!;
        var store = Directory.CreateTempSubdirectory("queue-upgrade-").FullName;
        try
        {
            var db = Path.Combine(store, "queue.db");
            File.Copy(Path.Combine(dir, "queue.db"), db);   // the committed file stays as it was written
            await Replays(db, dir, expected);
        }
        finally { Directory.Delete(store, recursive: true); }
    }

    // Its own method: the silo is stopped before its folder goes.
    static async Task Replays(string db, string dir, JsonNode expected)
    {
        await using var silo = new SiloApplication(db, settings: new Dictionary<string, string> { ["Halls:Seeds"] = Path.Combine(dir, "halls") });
        silo.Clock.SetUtcNow(expected["at"]!.GetValue<DateTimeOffset>());
        var anonymous = silo.AnonymousClient();

        foreach (var (hall, state) in expected["halls"]!.AsObject())
            AssertShows(state, JsonNode.Parse(await anonymous.HallJson(hall)), hall);
        foreach (var (id, ticket) in expected["tickets"]!.AsObject())
            AssertShows(ticket, JsonNode.Parse(await (await anonymous.Ticket(id)).Content.ReadAsStringAsync()), $"ticket {id}");

        Assert.Equal("admin", (await silo.Client().GetOk("/api/auth/me")).GetProperty("userName").GetString());
        Assert.Equal("c01", (await silo.Client("c01").GetOk("/api/auth/me")).GetProperty("userName").GetString());
        var kiosk = await silo.DeviceClient(expected["kioskToken"]!.GetValue<string>()).GetOk("/api/halls/xuanen/devices/me");
        Assert.Equal("k1", kiosk.GetProperty("name").GetString());
    }

    /// <summary>
    /// Every value the earlier build showed, this one shows the same; it may add fields. Estimates and announcement
    /// wording are left out: they are worked out when asked, by rules a later build may rightly change, not read from the log.
    /// </summary>
    static void AssertShows(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject o:
                Assert.True(actual is JsonObject, $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}");
                foreach (var (key, value) in o)
                    if (!key.StartsWith("estimated", StringComparison.Ordinal) && key != "announcement")
                        AssertShows(value, actual![key], $"{path}.{key}");
                break;
            case JsonArray a:
                Assert.True(actual is JsonArray b && b.Count == a.Count, $"{path}: expected {a.Count} items, got {actual?.ToJsonString() ?? "null"}");
                for (var i = 0; i < a.Count; i++) AssertShows(a[i], actual![i], $"{path}[{i}]");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                break;
        }
    }
}
