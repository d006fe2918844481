using System.Globalization;
using System.Text;
using Queue.Contracts;

namespace Queue.Silo.Stats;

/// <summary>The figures as a CSV sheet for Excel: UTF-8 with a BOM (or Excel reads the Chinese as GBK), zh-CN headers,
/// one line per row then 合计, seconds as whole numbers, shares as percentages.</summary>
public static class StatsCsv
{
    public static readonly string[] Headers =
    [
        "编号", "名称", "取号数", "办结数", "过号数", "取消数",
        "等候时长中位数(秒)", "等候时长P90(秒)", "最长等候(秒)", "办理时长中位数(秒)", "办理时长P90(秒)", "最长办理(秒)",
        "按时叫号率", "午间办结数", "非工作时间办结数", "评价数", "满意率", "差评数",
    ];

    public static byte[] Write(StatsView view)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', Headers));
        foreach (var row in view.Rows.Append(view.Totals)) csv.AppendLine(string.Join(',', Fields(row).Select(Quote)));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static IEnumerable<string> Fields(StatsRowView r) =>
    [
        r.Key, r.Name, N(r.Issued), N(r.Served), N(r.NoShow), N(r.Cancelled),
        N(r.Wait.P50), N(r.Wait.P90), N(r.Wait.Max), N(r.Service.P50), N(r.Service.P90), N(r.Service.Max),
        Share(r.ServedWithinTarget), N(r.LunchHour), N(r.AfterHours), N(r.Ratings.Count), Share(r.Ratings.Satisfied), N(r.Ratings.Bad),
    ];

    private static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
    private static string Share(double? s) => s is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    // A name with a comma or quote stays one cell; one starting like a formula is not run by Excel (CSV injection).
    private static string Quote(string s)
    {
        if (s.Length > 0 && "=+-@".Contains(s[0]) && !double.TryParse(s, CultureInfo.InvariantCulture, out _)) s = "'" + s;
        return s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
