using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;

namespace Queue.Benchmarks;

/// <summary>Halls to measure: synthetic ones of any size, and the real seeds.</summary>
public static class Halls
{
    /// <summary>Monday 2026-11-23, 08:30 in Shanghai: a service day that has just opened.</summary>
    public static readonly DateTimeOffset DayOpens = new(2026, 11, 23, 0, 30, 0, TimeSpan.Zero);

    /// <summary>
    /// A hall of <paramref name="windows"/> windows and <paramref name="categories"/> categories. Two thirds of
    /// the windows are comprehensive (无差别受理) and serve every category, preferring one; the rest are
    /// dedicated to one. Window 1 is comprehensive: the dispatcher's worst case, as it weighs every category.
    /// </summary>
    public static HallConfig Synthetic(int windows, int categories)
    {
        var cats = Enumerable.Range(0, categories)
            .Select(i => new Category($"c{i:D2}", $"类别{i}", Prefix(i), TargetWaitMinutes: 10 + i % 4 * 5)).ToList();
        var all = cats.Select(c => c.Code).ToList();
        var comprehensive = windows * 2 / 3;
        var ws = Enumerable.Range(1, windows).Select(no => no <= comprehensive
            ? new WindowConfig(no, $"{no}号综合窗口", WindowKind.Comprehensive, all, [all[no % categories]])
            : new WindowConfig(no, $"{no}号专窗", WindowKind.Dedicated, [all[no % categories]])).ToList();
        return new HallConfig { Id = $"w{windows}-c{categories}", Name = "合成大厅", Categories = cats, Windows = ws };
    }

    /// <summary>Opens window 1 and issues <paramref name="waiting"/> normal tickets spread over the categories and the last two hours.</summary>
    public static HallState Filled(HallConfig config, int waiting, DateTimeOffset now)
    {
        var s = new HallState(config);
        s.Apply(new DayStarted(DateOnly.FromDateTime(now.UtcDateTime), now.AddHours(-3)));
        s.Apply(new WindowOpened(1, "c01", now.AddHours(-3)));
        var seq = new Dictionary<string, int>();
        for (var i = 0; i < waiting; i++)
        {
            var cat = config.Categories[i % config.Categories.Count];
            var n = seq[cat.Prefix] = seq.GetValueOrDefault(cat.Prefix) + 1;
            var at = now.AddSeconds(-7200 + 7200.0 * i / waiting);
            s.Apply(new TicketIssued($"t{i:D25}", $"{cat.Prefix}{n:D3}", cat.Prefix, n, [cat.Code], [], null,
                Priority.Normal, null, null, null, null, null, at));
        }
        return s;
    }

    /// <summary>A seed hall by id (xuanen, enshi, shadaogou), read from the repository's seeds/ folder.</summary>
    public static HallConfig Seed(string id) => HallConfigFiles.Load(Path.Combine(SeedsFolder(), $"{id}.hall.json"));

    // The nearest seeds/ above the program, so it works from bin/ and from BenchmarkDotNet's generated folders.
    private static string SeedsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "seeds", "xuanen.hall.json"))) return Path.Combine(dir.FullName, "seeds");
        throw new DirectoryNotFoundException("No seeds/ folder above " + AppContext.BaseDirectory);
    }

    private static string Prefix(int i) => i < 26 ? ((char)('A' + i)).ToString() : $"{(char)('A' + i / 26 - 1)}{(char)('A' + i % 26)}";
}
