using Queue.Hall;
using Queue.Silo.Storage;

namespace Queue.Benchmarks;

/// <summary>
/// Bytes a hall's state keeps resident (not what it allocates): empty at opening, and after a whole day.
/// States are rebuilt from JSON, as after a restart, so no two halls share a string.
/// </summary>
public static class Resident
{
    private const int Copies = 100;
    private static readonly string[] Seeds = ["xuanen", "enshi", "shadaogou"];

    public static void Print()
    {
        Console.WriteLine($"| hall | tickets/day | events/day | empty hall (bytes) | end of day (bytes) | per ticket (bytes) |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|");
        double emptySum = 0, daySum = 0;
        foreach (var id in Seeds)
        {
            var day = DayLog.Make(Halls.Seed(id));
            var json = day.Events.Select(EventJson.Serialize).ToArray();
            var opening = json.TakeWhile(j => !j.Contains("\"TicketIssued\"")).ToArray();
            var empty = Measure(day.Config, opening);
            var full = Measure(day.Config, json);
            emptySum += empty;
            daySum += full;
            Console.WriteLine($"| {id} | {day.Tickets:N0} | {day.Events.Count:N0} | {empty:N0} | {full:N0} | {(full - empty) / day.Tickets:N0} |");
        }
        // The load tool hosts 3334 copies of each seed for 10,000 halls.
        Console.WriteLine();
        Console.WriteLine($"10,002 halls (3334 of each seed): empty {emptySum * 3334 / (1 << 20):N0} MiB, after a full day {daySum * 3334 / (1 << 20):N0} MiB of hall state.");
    }

    private static double Measure(HallConfig config, string[] json)
    {
        var kept = new List<HallState>(Copies);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Copies; i++)
        {
            var s = new HallState(config with { Id = $"{config.Id}-{i:D5}" });
            foreach (var j in json) s.Apply(EventJson.Deserialize(j));
            kept.Add(s);
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(kept);
        return (after - before) / (double)Copies;
    }
}
