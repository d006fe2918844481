using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Silo.Access;
using Queue.Silo.Halls;
using Queue.Silo.Stats;
using Queue.Silo.Ratings;

namespace Queue.Silo.Api;

/// <summary>
/// GET /api/halls/{hallId}/stats?from=&amp;to=&amp;by=&amp;format=   the hall's figures (统计) over hall-local days, for its managers
///
/// from/to: dates (2026-11-01), both included; without them, today in the hall's time zone (without one, the other's day).
/// by: category (default), matter, window or clerk. format: json (default) or csv (UTF-8 with BOM, for Excel).
/// </summary>
public static class StatsEndpoints
{
    public static RouteGroupBuilder MapStats(this RouteGroupBuilder hall)
    {
        hall.MapGet("/stats", Read).WithTags("Manager").RequireAuthorization(AccessPolicies.HallManager).ProducesProblem(StatusCodes.Status400BadRequest);
        return hall;
    }

    private static async Task<Results<Ok<StatsView>, FileContentHttpResult, ProblemHttpResult>> Read(string hallId, string? from, string? to, string? by,
        string? format, HallCatalog catalog, IGrainFactory grains, TimeProvider clock)
    {
        var hall = catalog.Find(hallId)!;   // the hall group answered hall-not-found before
        if (!TryDate(from, out var start)) return BadDate("from", from!);
        if (!TryDate(to, out var end)) return BadDate("to", to!);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(hall.TimeZone)).DateTime);
        var (first, last) = (start ?? end ?? today, end ?? start ?? today);
        if (first > last)
            return Problems.Invalid("stats-range-invalid", "开始日期（from）不能晚于结束日期（to）", $"from ({first:yyyy-MM-dd}) must not be after to ({last:yyyy-MM-dd}).");
        if (last.DayNumber - first.DayNumber + 1 > StatsQuery.MaxDays)
            return Problems.Invalid("stats-range-too-long", $"统计范围最长 {StatsQuery.MaxDays} 天，请缩短日期范围",
                $"A range covers at most {StatsQuery.MaxDays} days.");
        var dimension = by ?? "category";
        if (!StatsQuery.Dimensions.Contains(dimension))
            return Problems.Invalid("stats-by-invalid", "统计维度（by）应为 category（类别）、matter（事项）、window（窗口）或 clerk（人员）",
                "by is one of category, matter, window or clerk.");
        if (format is not (null or "json" or "csv"))
            return Problems.Invalid("stats-format-invalid", "格式（format）应为 json 或 csv", "format is json or csv.");

        var view = await grains.GetGrain<IHallFiguresGrain>(hallId).Figures(first, last, dimension)
            with { Cases = await grains.GetGrain<IRatingCasesGrain>(hallId).Rates(first, last) };
        return format == "csv"
            ? TypedResults.File(StatsCsv.Write(view), "text/csv; charset=utf-8", $"stats-{hallId}-{first:yyyyMMdd}-{last:yyyyMMdd}-{dimension}.csv")
            : TypedResults.Ok(view);
    }

    private static bool TryDate(string? text, out DateOnly? date)
    {
        date = null;
        if (text is null) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        date = d;
        return true;
    }

    private static ProblemHttpResult BadDate(string name, string text) =>
        Problems.Invalid("stats-date-invalid", $"日期（{name}）应写成 YYYY-MM-DD，如 2026-11-01", $"{name} ('{text}') is a date written YYYY-MM-DD, e.g. 2026-11-01.");
}
