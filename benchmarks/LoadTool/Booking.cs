using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Queue.Contracts;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>
/// The 8:00 release (放号, issue 15, --booking N): one hall's next day has just opened and N residents book at once,
/// --concurrency at a time, each with their own phone: half of them on the popular 09:00 综合受理 slot, the rest spread
/// evenly over every slot of every bookable service that day, and one in 50 the same resident again on the next slot of
/// the same service. Then every promise is checked: exactly the day's seats accepted, each accepted code found again,
/// no slot over its capacity, no code or (phone, service) twice, every refusal a problem with a code. The same silo then
/// takes tickets closed loop at the same concurrency for --seconds: the throughput the booking is read against.
/// </summary>
public static class Booking
{
    public const string Hall = "xuanen";
    /// <summary>A popular city hall: the seed's seats per half hour times this (宣恩: 20 综合受理, 10 each other service).</summary>
    private const int CapacityFactor = 5;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private sealed record Attempt(string Phone, string CategoryCode, DateTimeOffset SlotStart);

    public static async Task<string> RunAsync(LoadOptions o, string command)
    {
        var storage = Directory.CreateTempSubdirectory("queue-load-").FullName;
        try
        {
            var (seeds, _) = Scenario.SeedFolder(o.Seeds, 1, storage);
            Popular(seeds);
            // The silo's clock is last Monday 08:00 (Halls:ClockStart, never ahead of now): tomorrow is a working day.
            var monday = LastMonday(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime));
            var tuesday = monday.AddDays(1);
            await using var silo = SiloStart.Silo(o, storage, seeds, 0, $"--Halls:ClockStart={At(monday, 8, 0):O}");
            Cleanup.Add(silo);
            try { return await ReleaseAsync(o, command, silo, seeds, tuesday); }
            finally { Cleanup.Remove(silo); }
        }
        finally
        {
            try { Directory.Delete(storage, recursive: true); } catch (IOException) { /* temp anyway */ }
        }
    }

    private static async Task<string> ReleaseAsync(LoadOptions o, string command, SiloProcess silo, string seeds, DateOnly tuesday)
    {
        await silo.StartAsync();
        using var residents = Http.Client(silo.BaseAddress, o.Concurrency + 16);
        using var admin = Http.Client(silo.BaseAddress, o.Concurrency + 16);
        await admin.SignInAsync(o.AdminPassword);

        var categories = ((JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(seeds, $"{Hall}.hall.json")))!["booking"]!["capacity"]!)
            .Select(c => (string)c!["categoryCode"]!).ToList();
        var slots = await SlotsAsync(residents, tuesday, categories);
        var seats = slots.Values.Sum(s => s.Capacity);
        Console.WriteLine($"booking: {Hall} on {tuesday:yyyy-MM-dd}, {slots.Count} slots over {categories.Count} services, {seats:N0} seats; " +
                          $"{o.Booking:N0} attempts ×{o.Concurrency}");

        // Warm-up, not measured: a day later's bookings and a few seconds of tickets (JIT, connections, the hall's activation).
        var warm = slots.Keys.Select((k, i) => new Attempt($"136{i:D8}", k.Category, k.Start.AddDays(1))).ToList();
        await BurstAsync(residents, warm, o.Concurrency);
        await new Kiosks(admin, [Hall]).RunAsync(0, o.Concurrency, TimeSpan.FromSeconds(2));

        var attempts = Attempts(o.Booking, slots.Keys.ToList(), At(tuesday, 9, 0));
        var cpu0 = silo.CpuSeconds();
        var burst = await BurstAsync(residents, attempts, o.Concurrency);
        var bookingCpu = silo.CpuSeconds() - cpu0;
        var loadAfterBooking = Report.LoadAverage();
        Console.WriteLine($"  {burst.Seconds:0.00} s: {burst.Accepted.Count:N0} accepted, refused {Codes(burst.Refused)}, other {Codes(burst.Other)}");

        var checks = await CheckAsync(residents, burst, slots, tuesday, categories);

        Console.WriteLine($"  take-tickets: closed loop ×{o.Concurrency}, {o.Seconds} s");
        var kiosks = new Kiosks(admin, [Hall]);
        var cpu1 = silo.CpuSeconds();
        var ticketClock = Stopwatch.StartNew();
        await kiosks.RunAsync(0, o.Concurrency, TimeSpan.FromSeconds(o.Seconds));
        var (ticketCpu, ticketSeconds) = (silo.CpuSeconds() - cpu1, ticketClock.Elapsed.TotalSeconds);

        return Page(command, o, tuesday, slots.Count, categories.Count, seats, burst, bookingCpu, checks, kiosks, ticketCpu, ticketSeconds, loadAfterBooking);
    }

    /// <summary>The seed's capacities times <see cref="CapacityFactor"/>.</summary>
    private static void Popular(string seeds)
    {
        var file = Path.Combine(seeds, $"{Hall}.hall.json");
        var hall = JsonNode.Parse(File.ReadAllText(file))!;
        foreach (var c in hall["booking"]!["capacity"]!.AsArray()) c!["perSlot"] = (int)c["perSlot"]! * CapacityFactor;
        File.WriteAllText(file, hall.ToJsonString());
    }

    private static async Task<Dictionary<(string Category, DateTimeOffset Start), AppointmentSlotView>> SlotsAsync(HttpClient http, DateOnly day, List<string> categories)
    {
        var all = new Dictionary<(string, DateTimeOffset), AppointmentSlotView>();
        foreach (var c in categories)
            foreach (var s in (await http.GetFromJsonAsync<AppointmentSlotView[]>($"/api/halls/{Hall}/appointment-slots?date={day:yyyy-MM-dd}&categoryCode={c}", HallApi.Json))!)
                all[(c, s.Start)] = s;
        return all;
    }

    /// <summary>Attempt i: even, the popular slot; odd, the next (service, slot) in turn; every 50th the previous resident
    /// again, on the next slot of the same service (already booked, unless the first try was refused).</summary>
    private static List<Attempt> Attempts(int count, List<(string Category, DateTimeOffset Start)> pairs, DateTimeOffset popular)
    {
        var list = new List<Attempt>(count);
        for (var i = 0; i < count; i++)
        {
            if (i % 50 == 49)
            {
                var previous = list[i - 1];
                var same = pairs.Where(p => p.Category == previous.CategoryCode).Select(p => p.Start).Order().ToList();
                list.Add(previous with { SlotStart = same[(same.IndexOf(previous.SlotStart) + 1) % same.Count] });
                continue;
            }
            var (category, start) = i % 2 == 0 ? ("general", popular) : pairs[i / 2 % pairs.Count];
            list.Add(new Attempt($"139{i:D8}", category, start));
        }
        return list;
    }

    /// <summary>What a burst got; latency of every answer, and apart for the accepted (an append) and the refused (none).</summary>
    private sealed record Burst(double Seconds, Samples Latency, Samples AcceptedLatency, Samples RefusedLatency,
        ConcurrentBag<(Attempt Attempt, BookingView View)> Accepted, ConcurrentDictionary<string, long> Refused, ConcurrentDictionary<string, long> Other);

    /// <summary>Every attempt, <paramref name="concurrency"/> at a time, each with its own Idempotency-Key.</summary>
    private static async Task<Burst> BurstAsync(HttpClient http, List<Attempt> attempts, int concurrency)
    {
        var burst = new Burst(0, new Samples(), new Samples(), new Samples(), [], new(), new());
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < attempts.Count; i = Interlocked.Increment(ref next))
            {
                var a = attempts[i];
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var r = await http.Post($"/api/halls/{Hall}/appointments",
                        new BookingBody(a.CategoryCode, null, null, a.SlotStart, a.Phone), Guid.NewGuid().ToString("N"));
                    var body = await r.Content.ReadAsStringAsync();
                    var took = Stopwatch.GetTimestamp() - start;
                    burst.Latency.Add(took);
                    if (r.StatusCode == HttpStatusCode.Created)
                    {
                        burst.AcceptedLatency.Add(took);
                        burst.Accepted.Add((a, JsonSerializer.Deserialize<BookingView>(body, HallApi.Json)!));
                    }
                    else if (r.Content.Headers.ContentType?.MediaType == "application/problem+json" && (int)r.StatusCode < 500
                             && JsonSerializer.Deserialize<JsonElement>(body).TryGetProperty("code", out var code))
                    {
                        burst.RefusedLatency.Add(took);
                        burst.Refused.AddOrUpdate($"{(int)r.StatusCode} {code.GetString()}", 1, (_, n) => n + 1);
                    }
                    else burst.Other.AddOrUpdate(((int)r.StatusCode).ToString(), 1, (_, n) => n + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    burst.Other.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        })));
        return burst with { Seconds = clock.Elapsed.TotalSeconds };
    }

    private sealed record Checks(int Found, int Missing, int DuplicateCodes, int OverCapacity, int Unfilled, int PhoneTwice, int SlotsDisagree);

    private static async Task<Checks> CheckAsync(HttpClient http, Burst burst, Dictionary<(string Category, DateTimeOffset Start), AppointmentSlotView> slots, DateOnly day, List<string> categories)
    {
        var accepted = burst.Accepted.ToList();
        var found = 0;
        // None lost: each code answered 201 is there, booked, for the slot and service its answer named.
        await Parallel.ForEachAsync(accepted, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (b, _) =>
        {
            using var r = await http.GetAsync($"/api/halls/{Hall}/appointments/{b.View.Code}?phone4={b.Attempt.Phone[^4..]}");
            if (r.StatusCode == HttpStatusCode.OK && await r.Content.ReadFromJsonAsync<BookingView>(HallApi.Json) is { } v
                && v.Status == "booked" && v.Slot.Start == b.Attempt.SlotStart && v.CategoryCode == b.Attempt.CategoryCode)
                Interlocked.Increment(ref found);
        });
        var perSlot = accepted.GroupBy(b => (b.Attempt.CategoryCode, b.Attempt.SlotStart)).ToDictionary(g => g.Key, g => g.Count());
        var after = await SlotsAsync(http, day, categories);
        return new Checks(found, accepted.Count - found,
            accepted.Count - accepted.Select(b => b.View.Code).Distinct().Count(),
            slots.Count(s => perSlot.GetValueOrDefault(s.Key) > s.Value.Capacity),
            slots.Count(s => perSlot.GetValueOrDefault(s.Key) < s.Value.Capacity),
            accepted.GroupBy(b => (b.Attempt.Phone, b.Attempt.CategoryCode)).Count(g => g.Count() > 1),
            after.Count(s => s.Value.Capacity - s.Value.Left != perSlot.GetValueOrDefault(s.Key)));
    }

    private static string Page(string command, LoadOptions o, DateOnly day, int slotCount, int categoryCount, int seats, Burst b, double bookingCpu,
        Checks c, Kiosks k, double ticketCpu, double ticketSeconds, string loadAfterBooking)
    {
        var (booking, tickets) = (b.Latency.Summary(), k.Latency.Summary());
        var answered = b.Latency.Count / b.Seconds;
        var ticketRequests = k.Ok + k.Errors.Values.Sum();
        string Mark(bool ok) => ok ? "**yes**" : "**NO**";
        var md = new StringBuilder();
        md.AppendLine($"# The 8:00 release (放号), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC").AppendLine();
        md.AppendLine($"Command: `{command}`").AppendLine();
        md.AppendLine($"Machine: {Environment.ProcessorCount} cores (nproc), {Report.Cpu()}, one silo on SQLite and the tool sharing them, " +
                      $"everything on 127.0.0.1. Load average (1/5/15 min) after the bookings: {loadAfterBooking}; at the end: {Report.LoadAverage()}.").AppendLine();
        md.AppendLine($"{Hall} with {CapacityFactor}× its seed's seats per half hour (a popular hall), its clock last Monday 08:00 " +
                      $"(Halls:ClockStart); the day booked is {day:yyyy-MM-dd}, the next day, nobody's yet: {slotCount} slots over " +
                      $"{categoryCount} services, {seats:N0} seats. {b.Latency.Count:N0} attempts, {o.Concurrency} at a time, each a " +
                      "resident with their own phone: half on 09:00 综合受理, the rest evenly over every slot of every service, " +
                      "every 50th the resident before again on the next slot of the same service. Warmed up first (a booking on every " +
                      "slot of the day after, 2 s of tickets).").AppendLine();
        md.AppendLine("| figure | bookings | take-tickets (same silo, after) | bookings / take-tickets |");
        md.AppendLine("|---|---:|---:|---:|");
        md.AppendLine($"| requests answered per second, closed loop ×{o.Concurrency} | {answered:N0} | {ticketRequests / ticketSeconds:N0} | **{answered / (ticketRequests / ticketSeconds):0.00}** |");
        md.AppendLine($"| of which accepted (201) per second | {b.Accepted.Count / b.Seconds:N0} | {k.PerSecond:N0} | |");
        md.AppendLine($"| latency ms p50 / p99 / p99.9 | {booking.Ms()} | {tickets.Ms()} | {booking.P50 / tickets.P50:0.00} / {booking.P99 / tickets.P99:0.00} / {(booking.Count >= 1000 && tickets.Count >= 1000 ? $"{booking.P999 / tickets.P999:0.00}" : "–")} |");
        md.AppendLine($"| latency ms p50 / p99 / p99.9 of the accepted; of the refused | {b.AcceptedLatency.Summary().Ms()}; {b.RefusedLatency.Summary().Ms()} | | |");
        md.AppendLine($"| silo CPU µs per request | {bookingCpu * 1e6 / b.Latency.Count:N0} | {ticketCpu * 1e6 / Math.Max(1, ticketRequests):N0} | " +
                      $"{bookingCpu / b.Latency.Count / (ticketCpu / Math.Max(1, ticketRequests)):0.00} |");
        md.AppendLine($"| requests; seconds | {b.Latency.Count:N0}; {b.Seconds:0.00} | {ticketRequests:N0}; {ticketSeconds:0.00} | |").AppendLine();

        md.AppendLine("| check | result | holds |").AppendLine("|---|---|---|");
        md.AppendLine($"| exactly the day's seats accepted | {b.Accepted.Count:N0} of {seats:N0} seats; {c.Unfilled} slots left with a seat | {Mark(b.Accepted.Count == seats && c.Unfilled == 0)} |");
        md.AppendLine($"| none lost: every 201's code looked up (booked, its slot and service) | {c.Found:N0} of {b.Accepted.Count:N0} | {Mark(c.Missing == 0)} |");
        md.AppendLine($"| none double-booked: slots over capacity; codes twice; a phone twice for one service that day | {c.OverCapacity}; {c.DuplicateCodes}; {c.PhoneTwice} | {Mark(c.OverCapacity + c.DuplicateCodes + c.PhoneTwice == 0)} |");
        md.AppendLine($"| the silo's own count after (capacity − left = accepted, every slot) | {c.SlotsDisagree} slots disagree | {Mark(c.SlotsDisagree == 0)} |");
        md.AppendLine($"| the rest refused with a reason (problem+json code) | {Codes(b.Refused)} | {Mark(b.Refused.Values.Sum() == b.Latency.Count - b.Accepted.Count)} |");
        md.AppendLine($"| anything else (5xx, no problem code, transport) | {Codes(b.Other)} | {Mark(b.Other.IsEmpty)} |");
        md.AppendLine($"| booking p99 under 500 ms | {booking.P99:0} ms | {Mark(booking.P99 < 500)} |");
        md.AppendLine($"| take-tickets refused or failed | {(k.Errors.Count == 0 ? "none" : string.Join(", ", k.Errors.Select(e => $"{e.Key}×{e.Value}")))} | |");
        return md.ToString();
    }

    private static string Codes(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} ×{c.Value:N0}"));

    private static DateOnly LastMonday(DateOnly today) => today.AddDays(-(((int)today.DayOfWeek + 5) % 7 + 1));
    private static DateTimeOffset At(DateOnly day, int hour, int minute) => new(day.ToDateTime(new TimeOnly(hour, minute)), Beijing);
}
