using System.Globalization;
using Queue.Hall;

namespace Queue.Silo.Reports;

/// <summary>A report's days, hall-local and inclusive; a month still running ends today (截至).</summary>
public sealed record ReportPeriod(string Kind, DateOnly From, DateOnly To, bool Partial = false)
{
    public const string Daily = "daily", Monthly = "monthly";

    public string Title => Kind == Daily ? $"{From:yyyy年M月d日}" : $"{From:yyyy年M月}" + (Partial ? $"（截至{To:M月d日}）" : "");
    public string Name => Kind == Daily ? "日报" : "月报";
    /// <summary>For file names: 2026-11-23, 2026-11.</summary>
    public string Stamp => Kind == Daily ? From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : From.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The day <paramref name="text"/> names (today without one), or why not: a bad date, or one still to come.</summary>
    public static ReportPeriod? Day(string? text, DateOnly today, out Refusal? refusal)
    {
        refusal = null;
        var day = today;
        if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            refusal = Refusal.Invalid("report-date-invalid", "日期（date）格式不正确，应为 2026-11-23", "date is a day written 2026-11-23.");
        else if (day > today)
            refusal = Refusal.Invalid("report-date-future", $"{day:yyyy年M月d日}尚未到来，没有日报", $"{day:yyyy-MM-dd} is still to come: there is no report for it yet.");
        return refusal is null ? new(Daily, day, day) : null;
    }

    /// <summary>The month <paramref name="text"/> names (this month without one), or why not: a bad month, or one still to come.</summary>
    public static ReportPeriod? Month(string? text, DateOnly today, out Refusal? refusal)
    {
        refusal = null;
        var first = new DateOnly(today.Year, today.Month, 1);
        if (text is not null && !(DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out first) && text.Length == 7))
            refusal = Refusal.Invalid("report-month-invalid", "月份（month）格式不正确，应为 2026-11", "month is a month written 2026-11.");
        else if (first > today)
            refusal = Refusal.Invalid("report-month-future", $"{first:yyyy年M月}尚未到来，没有月报", $"{first:yyyy-MM} is still to come: there is no report for it yet.");
        if (refusal is not null) return null;
        var last = first.AddMonths(1).AddDays(-1);
        return last > today ? new(Monthly, first, today, Partial: true) : new(Monthly, first, last);
    }
}
