using Queue.Silo.Pages;

namespace Queue.Silo.Reports;

/// <summary>
/// The report pages' style and scripts: report.css, Chart.js (node_modules under <paramref name="contentRoot"/>) and
/// manager/charts.js, the same files the dashboard uses. Linked in a served page; read once and inlined in a page
/// printed to PDF from a file.
/// </summary>
public sealed class ReportAssets(string contentRoot, string webRoot)
{
    private readonly Lazy<string> _style = new(() => File.ReadAllText(Path.Combine(webRoot, "reports", "report.css")));
    private readonly Lazy<string> _scripts = new(() =>
        $"<script>{File.ReadAllText(Path.Combine(contentRoot, "node_modules", PageEndpoints.ChartLibrary))}</script>\n" +
        $"<script type=\"module\">{File.ReadAllText(Path.Combine(webRoot, "manager", "charts.js"))}</script>");

    public ReportAssets(IWebHostEnvironment environment)
        : this(environment.ContentRootPath, environment.WebRootPath ?? Path.Combine(environment.ContentRootPath, "wwwroot")) { }

    public string Style(bool inline) => inline ? $"<style>{_style.Value}</style>" : """<link rel="stylesheet" href="/reports/report.css">""";

    public string Scripts(bool inline) => inline ? _scripts.Value
        : """<script src="/lib/chart.js"></script>""" + "\n" + """<script type="module" src="/manager/charts.js"></script>""";
}
