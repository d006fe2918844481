using System.Globalization;
using System.Text;
using System.Text.Json;
using Queue.Contracts;

namespace Queue.Silo.Reports;

/// <summary>
/// The report pages (A4, print-friendly): the hall's name and period, the totals, the charts (manager/charts.js, from
/// figures carried in the page) and the tables by category, window and clerk (and by day in a month); the roll-up is
/// one row per hall. Served, a page links its style and scripts (the silo's Content-Security-Policy allows no inline
/// ones); for the PDF they are inlined, since Chromium prints it from a file.
/// </summary>
public static class ReportPage
{
    public static string Hall(HallReport report, ReportAssets assets, bool inline, JsonSerializerOptions json, string? pdfLink)
    {
        var (c, period) = (report.ByCategory, report.Period);
        var title = $"{report.Hall.Name} {period.Title} {period.Name}";
        var body = new StringBuilder();
        body.Append($"<header><h1>{E(report.Hall.Name)}</h1><p class=\"period\">{E(period.Title)} 政务服务{E(period.Name)}</p>");
        if (pdfLink is not null) body.Append($"<p class=\"no-print\"><a href=\"{E(pdfLink)}\">下载 PDF</a></p>");
        body.Append("</header>");
        body.Append("<section><h2>总体情况</h2>").Append(Totals(c.Totals)).Append("</section>");
        body.Append("""
            <section class="charts"><h2>图表</h2>
            <figure><figcaption>取号与办结（每半小时）</figcaption><div class="chart"><canvas data-chart="arrivals"></canvas></div></figure>
            <figure><figcaption>各类别等候与目标</figcaption><div class="chart"><canvas data-chart="waits"></canvas></div></figure>
            <figure><figcaption>满意度</figcaption><div class="chart"><canvas data-chart="satisfaction"></canvas></div></figure>
            """);
        if (period.Kind == ReportPeriod.Monthly)
            body.Append("""<figure><figcaption>每日取号与办结</figcaption><div class="chart"><canvas data-chart="days"></canvas></div></figure>""");
        body.Append("</section>");
        body.Append(Table("按业务类别", "类别", c.Rows, issued: true, report.Targets));
        body.Append(Table("按窗口", "窗口", report.ByWindow.Rows, issued: false));
        body.Append(Table("按工作人员", "工号", report.ByClerk.Rows, issued: false));
        if (period.Kind == ReportPeriod.Monthly)
            body.Append(Table("按日", "日期", [.. c.Days.Select(d => d.Totals with { Name = d.Date.ToString("M月d日", CultureInfo.InvariantCulture) })], issued: true));
        var figures = JsonSerializer.Serialize(new { stats = c, targets = report.Targets }, json);
        return Page(title, body.ToString(), assets, inline, figures);
    }

    /// <summary>The roll-up (州 over its 县): each hall's totals, and their sum where a sum means something.</summary>
    public static string RollUp(IReadOnlyList<HallReport> halls, ReportPeriod period, ReportAssets assets, bool inline, string? pdfLink)
    {
        var title = $"{period.Title} 政务服务月报（汇总 {halls.Count} 个大厅）";
        var body = new StringBuilder($"<header><h1>{E(title)}</h1><p class=\"period\">{E(string.Join("、", halls.Select(h => h.Hall.Name)))}</p>");
        if (pdfLink is not null) body.Append($"<p class=\"no-print\"><a href=\"{E(pdfLink)}\">下载 PDF</a></p>");
        body.Append("</header>");
        var rows = halls.Select(h => h.ByCategory.Totals with { Name = h.Hall.Name }).ToList();
        body.Append(Table("各大厅", "大厅", rows, issued: true, sum: Sum(rows)));
        return Page(title, body.ToString(), assets, inline, figures: null);
    }

    private static string Page(string title, string body, ReportAssets assets, bool inline, string? figures) => $"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title>
        {assets.Style(inline)}
        </head>
        <body class="report">
        <main>
        {body}
        <p class="made">由一窗通办排队系统生成</p>
        </main>
        {(figures is null ? "" : $"<script type=\"application/json\" id=\"report-figures\">{figures}</script>\n" + assets.Scripts(inline))}
        </body>
        </html>
        """;

    private static string Totals(StatsRowView t) => $"""
        <table class="totals"><tbody>
        <tr><th scope="row">取号</th><td>{t.Issued}</td><th scope="row">办结</th><td>{t.Served}</td><th scope="row">过号</th><td>{t.NoShow}</td><th scope="row">取消</th><td>{t.Cancelled}</td></tr>
        <tr><th scope="row">等候中位</th><td>{Minutes(t.Wait.P50)}</td><th scope="row">等候 90%</th><td>{Minutes(t.Wait.P90)}</td><th scope="row">最长等候</th><td>{Minutes(t.Wait.Max)}</td><th scope="row">目标内办结率</th><td>{Percent(t.ServedWithinTarget)}</td></tr>
        <tr><th scope="row">办理中位</th><td>{Minutes(t.Service.P50)}</td><th scope="row">办理 90%</th><td>{Minutes(t.Service.P90)}</td><th scope="row">午间办结</th><td>{t.LunchHour}</td><th scope="row">非工作时间办结</th><td>{t.AfterHours}</td></tr>
        <tr><th scope="row">评价次数</th><td>{t.Ratings.Count}</td><th scope="row">满意率</th><td>{Percent(t.Ratings.Satisfied)}</td><th scope="row">差评</th><td>{t.Ratings.Bad}</td><td colspan="2"></td></tr>
        </tbody></table>
        """;

    private static string Table(string caption, string first, IReadOnlyList<StatsRowView> rows, bool issued,
        IReadOnlyDictionary<string, int>? targets = null, StatsRowView? sum = null)
    {
        var sb = new StringBuilder($"<section><h2>{E(caption)}</h2>");
        if (rows.Count == 0) return sb.Append("<p class=\"none\">本期无数据</p></section>").ToString();
        sb.Append($"<table><thead><tr><th scope=\"col\">{E(first)}</th>{(issued ? "<th scope=\"col\">取号</th>" : "")}<th scope=\"col\">办结</th><th scope=\"col\">过号</th><th scope=\"col\">取消</th>")
          .Append("<th scope=\"col\">等候中位<br>（分钟）</th><th scope=\"col\">等候 90%<br>（分钟）</th><th scope=\"col\">最长等候<br>（分钟）</th>")
          .Append(targets is null ? "" : "<th scope=\"col\">目标等候<br>（分钟）</th>")
          .Append("<th scope=\"col\">目标内<br>办结率</th><th scope=\"col\">办理中位<br>（分钟）</th><th scope=\"col\">评价</th><th scope=\"col\">满意率</th><th scope=\"col\">差评</th></tr></thead><tbody>");
        foreach (var r in rows) Row(sb, r, "td", issued, targets);
        if (sum is not null) { sb.Append("</tbody><tfoot>"); Row(sb, sum, "th", issued, null); sb.Append("</tfoot>"); }
        else sb.Append("</tbody>");
        return sb.Append("</table></section>").ToString();
    }

    private static void Row(StringBuilder sb, StatsRowView r, string cell, bool issued, IReadOnlyDictionary<string, int>? targets)
    {
        var target = targets is null ? "" : $"<td>{(targets.TryGetValue(r.Key, out var m) ? m.ToString(CultureInfo.InvariantCulture) : "—")}</td>";
        sb.Append($"<tr><th scope=\"row\">{E(r.Name)}</th>{(issued ? $"<{cell}>{r.Issued}</{cell}>" : "")}<{cell}>{r.Served}</{cell}><{cell}>{r.NoShow}</{cell}><{cell}>{r.Cancelled}</{cell}>")
          .Append($"<{cell}>{Number(r.Wait.P50)}</{cell}><{cell}>{Number(r.Wait.P90)}</{cell}><{cell}>{Number(r.Wait.Max)}</{cell}>{target}")
          .Append($"<{cell}>{Percent(r.ServedWithinTarget)}</{cell}><{cell}>{Number(r.Service.P50)}</{cell}><{cell}>{r.Ratings.Count}</{cell}><{cell}>{Percent(r.Ratings.Satisfied)}</{cell}><{cell}>{r.Ratings.Bad}</{cell}></tr>");
    }

    /// <summary>Counts add up; shares are weighted by what they are shares of; percentiles of halls do not add, so none is made.</summary>
    private static StatsRowView Sum(IReadOnlyList<StatsRowView> rows)
    {
        var served = rows.Sum(r => r.Served);
        var rated = rows.Sum(r => r.Ratings.Count);
        double? Weighted(Func<StatsRowView, double?> share, Func<StatsRowView, int> weight, int total) =>
            total == 0 ? null : rows.Sum(r => (share(r) ?? 0) * weight(r)) / total;
        var none = new DurationStatsView(0, null, null, rows.Select(r => r.Wait.Max).Max());
        return new("total", "合计", rows.Sum(r => r.Issued), served, rows.Sum(r => r.NoShow), rows.Sum(r => r.Cancelled),
            none, new DurationStatsView(0, null, null, null), Weighted(r => r.ServedWithinTarget, r => r.Served, served),
            rows.Sum(r => r.LunchHour), rows.Sum(r => r.AfterHours),
            new RatingStatsView(rated, Weighted(r => r.Ratings.Satisfied, r => r.Ratings.Count, rated), rows.Sum(r => r.Ratings.Bad)));
    }

    private static string Minutes(int? seconds) => seconds is { } ? $"{Number(seconds)} 分钟" : "—";
    /// <summary>Seconds as minutes to a tenth (2.5), or — when there were none.</summary>
    private static string Number(int? seconds) => seconds is { } s ? (s / 60.0).ToString("0.#", CultureInfo.InvariantCulture) : "—";
    private static string Percent(double? share) => share is { } s ? $"{(s * 100).ToString("0.#", CultureInfo.InvariantCulture)}%" : "—";
    private static string E(string s) => System.Net.WebUtility.HtmlEncode(s);
}
