using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Hall.Events;
using Queue.Silo.Access;
using Queue.Silo.Audit;
using Queue.Silo.Halls;
using Queue.Silo.Storage;

namespace Queue.Silo.Api;

/// <summary>
/// GET /api/halls/{hallId}/manage/audit?from=&amp;to=&amp;who=&amp;limit=   who did what, when and why (操作日志), newest first
///
/// from/to: an instant (2026-11-23T10:00:00+08:00), a hall-local time (2026-11-23T10:00), or a date (2026-11-23: from its
/// start, or to its end). Without them, today in the hall's time zone; without one, to is the end of today and from the
/// start of to's day. who: exactly one actor ("user:c1", "device:{id}", "resident"). limit: 1–1000, 200 by default; to
/// read on, ask again with to = the oldest entry's at. Read from the log, so it shows days long gone and survives restarts.
/// </summary>
public static class AuditEndpoints
{
    public const int DefaultLimit = 200, MaxLimit = 1000;
    /// <summary>At most this many tickets are looked up to name a page's tickets by number: many days of a busy hall.</summary>
    private const int MaxTicketsNamed = 50_000;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder manage)
    {
        manage.MapGet("/audit", Read);
        return manage;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntryView>>, ProblemHttpResult>> Read(string hallId, string? from, string? to, string? who,
        string? limit, HallCatalog catalog, IEventStore store, IGrainFactory grains, TimeProvider clock, CancellationToken ct)
    {
        var hall = catalog.Find(hallId)!;   // the hall group answered hall-not-found before
        var zone = TimeZoneInfo.FindSystemTimeZoneById(hall.TimeZone);
        if (!TryTime(to, zone, endOfDay: true, out var end)) return BadTime("to");
        if (!TryTime(from, zone, endOfDay: false, out var start)) return BadTime("from");
        var endAt = end ?? DayStart(LocalDate(clock.GetUtcNow(), zone).AddDays(1), zone);
        var startAt = start ?? DayStart(LocalDate(endAt.AddTicks(-1), zone), zone);
        if (startAt >= endAt)
            return Problems.Invalid("audit-range-invalid", "开始时间（from）必须早于结束时间（to）", $"from ({startAt:O}) must be before to ({endAt:O}).");
        if (who is not null && !IsActor(who))
            return Problems.Invalid("audit-who-invalid", "操作人（who）应写成 user:工号、device:设备编号 或 resident",
                "who names one actor: user:{name}, device:{id} or resident (at most 100 characters).");
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            return Problems.Invalid("audit-limit-invalid", $"条数（limit）应为 1 到 {MaxLimit} 的整数", $"limit is a whole number from 1 to {MaxLimit}.");

        var events = await store.ReadAsync(hallId, new EventRange(startAt, endAt, count, By: who), ct);
        var numbers = await Numbers(store, hallId, events, zone, ct);
        var devices = await grains.GetGrain<IHallDevicesGrain>(hallId).All();
        var names = new AuditNames(hall, numbers, await grains.GetGrain<IAccountsGrain>(IAccountsGrain.Key).List(), devices);
        IReadOnlyList<AuditEntryView> entries =
        [
            .. events.Select(e => AuditTrail.Of(e, names))
                .Concat(devices.SelectMany(d => AuditTrail.Of(d, names)).Where(d => d.At >= startAt && d.At < endAt && (who is null || d.By == who)))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Seq ?? 0).Take(count),
        ];
        return TypedResults.Ok(entries);
    }

    /// <summary>
    /// The number of every ticket the page names, from its TicketIssued. A ticket lives one service day, so it was issued
    /// between the local midnight before the page's oldest event and the page's newest one; a who-filtered page holds
    /// few of them, so those are read apart (by kind, without the filter).
    /// </summary>
    private static async Task<Dictionary<string, string>> Numbers(IEventStore store, string hallId, IReadOnlyList<LoggedEvent> events,
        TimeZoneInfo zone, CancellationToken ct)
    {
        var numbers = events.Select(e => e.Event).OfType<TicketIssued>().ToDictionary(i => i.TicketId, i => i.Number);
        if (!events.Any(e => EventSubjects.TicketOf(e.Event) is { } id && !numbers.ContainsKey(id))) return numbers;
        var (oldest, newest) = (events[^1].Event.At, events[0].Event.At);
        // PostgreSQL keeps microseconds: a millisecond past the newest event still includes it.
        var issued = await store.ReadAsync(hallId, new EventRange(
            DayStart(LocalDate(oldest, zone), zone), newest.AddMilliseconds(1),
            MaxTicketsNamed, Kind: nameof(TicketIssued)), ct);
        foreach (var i in issued.Select(e => e.Event).OfType<TicketIssued>()) numbers.TryAdd(i.TicketId, i.Number);
        return numbers;
    }

    private static bool IsActor(string who) => who.Length <= 100
        && (who == "resident" || who.StartsWith("user:", StringComparison.Ordinal) || who.StartsWith("device:", StringComparison.Ordinal));

    /// <summary>An instant, a hall-local time, or a date (its start, or with <paramref name="endOfDay"/> its end); null when not given.</summary>
    private static bool TryTime(string? text, TimeZoneInfo zone, bool endOfDay, out DateTimeOffset? at)
    {
        at = null;
        if (text is null) return true;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            at = DayStart(endOfDay ? day.AddDays(1) : day, zone);
        else if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t))
            at = t.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(t, zone.GetUtcOffset(t)) : new DateTimeOffset(t.ToUniversalTime());
        return at is not null;
    }

    private static ProblemHttpResult BadTime(string name) => Problems.Invalid("audit-time-invalid",
        $"时间（{name}）格式不正确，应为日期 2026-11-23 或时间 2026-11-23T10:00",
        $"{name} is a date (2026-11-23), a hall-local time (2026-11-23T10:00) or an instant with its offset (2026-11-23T10:00:00+08:00).");

    private static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static DateTimeOffset DayStart(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
    }
}
