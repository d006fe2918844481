using Queue.Contracts;
using System.Text.Json;
using System.Text.Json.Serialization;
using Queue.Hall;

namespace Queue.Silo.Halls;

/// <summary>Reads hall configurations (*.hall.json, one hall a file) and refuses inconsistent ones at start.</summary>
public static class HallConfigFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { WireJson.Enums() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static IReadOnlyList<HallConfig> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
            throw new InvalidOperationException($"Hall configuration folder '{Path.GetFullPath(directory)}' does not exist.");
        return [.. Directory.GetFiles(directory, "*.hall.json").Order().Select(Load)];
    }

    public static HallConfig Load(string path)
    {
        HallConfig? config;
        try { config = JsonSerializer.Deserialize<HallConfig>(File.ReadAllText(path), Options); }
        catch (JsonException e) { throw new InvalidOperationException($"{path}: {e.Message}", e); }
        if (config is null) throw new InvalidOperationException($"{path}: empty hall configuration.");
        var problems = Problems(config).ToList();
        if (problems.Count > 0) throw new InvalidOperationException($"{path}: {string.Join("; ", problems)}");
        return config;
    }

    /// <summary>Copies of a hall under new ids, for load tests that need thousands of halls.</summary>
    public static IEnumerable<HallConfig> Copies(HallConfig config, int count) =>
        Enumerable.Range(1, count).Select(i => config with { Id = $"{config.Id}-{i:D5}" });

    public static IEnumerable<string> Problems(HallConfig c)
    {
        if (string.IsNullOrWhiteSpace(c.Id) || c.Id.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch == '-')))
            yield return $"hall id '{c.Id}' must be ASCII letters, digits and '-'";
        if (c.Categories.Count == 0) yield return "no categories";
        foreach (var dup in c.Categories.GroupBy(x => x.Code).Where(g => g.Count() > 1)) yield return $"category '{dup.Key}' twice";
        foreach (var dup in c.Categories.GroupBy(x => x.Prefix).Where(g => g.Count() > 1)) yield return $"prefix '{dup.Key}' used twice";
        foreach (var cat in c.Categories.Where(x => x.Prefix.Length is < 1 or > 2 || !x.Prefix.All(char.IsAsciiLetterUpper)))
            yield return $"category '{cat.Code}' prefix must be one or two capital letters";
        foreach (var m in c.Matters.Where(m => c.Category(m.CategoryCode) is null)) yield return $"matter '{m.Id}' has unknown category '{m.CategoryCode}'";
        foreach (var dup in c.Matters.GroupBy(x => x.Id).Where(g => g.Count() > 1)) yield return $"matter '{dup.Key}' twice";
        foreach (var b in c.Bundles)
        {
            if (b.Route.Count == 0) yield return $"bundle '{b.Id}' has no route";
            foreach (var r in b.Route.Where(r => c.Category(r) is null)) yield return $"bundle '{b.Id}' routes to unknown category '{r}'";
            foreach (var m in b.MatterIds.Where(m => c.Matter(m) is null)) yield return $"bundle '{b.Id}' names unknown matter '{m}'";
        }
        foreach (var dup in c.Windows.GroupBy(x => x.No).Where(g => g.Count() > 1)) yield return $"window {dup.Key} twice";
        foreach (var w in c.Windows)
            foreach (var cat in w.Categories.Concat(w.Prefers ?? []).Where(x => c.Category(x) is null))
                yield return $"window {w.No} names unknown category '{cat}'";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(c.TimeZone, out _)) yield return $"unknown time zone '{c.TimeZone}'";
        foreach (var cat in c.Categories.Where(x => x.DailyLimit is < 1)) yield return $"category '{cat.Code}' dailyLimit must be at least 1 (leave it out for no limit)";
        if (c.GreenCallsInARow < 1) yield return "greenCallsInARow must be at least 1";
        if (c.RemoteTaking is { MinWaitMinutes: < 0 }) yield return "remoteTaking.minWaitMinutes must not be negative";
        if (c.RecallReminderSeconds < 5) yield return "recallReminderSeconds must be at least 5";
        if (c.NoShowOfferSeconds < c.RecallReminderSeconds) yield return "noShowOfferSeconds must not be shorter than recallReminderSeconds";
    }
}
