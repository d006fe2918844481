using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Reports;
using Queue.Silo.Stats;

namespace Queue.Benchmarks;

/// <summary>
/// 月报 of a busy county hall: 宣恩's seed with 31 windows, every one busy all day (DayLog, about 2,000 tickets a day), for the 30
/// days of November, projected by the silo's own HallFigures. Baseline: the month's figures read from those days (what
/// the figures grain does per query, by category, window and clerk); then the report page made from them; then that page
/// printed to PDF by headless Chromium, as `…/reports/monthly?format=pdf` does. Goal: the PDF in under 5 s.
/// A Chromium print takes seconds, so a few runs only.
/// </summary>
[WarmupCount(1), IterationCount(7), InvocationCount(1)]
public class ReportBenchmarks
{
    private static readonly DateOnly First = new(2026, 11, 1), Last = new(2026, 11, 30);
    private HallConfig _hall = null!;
    private List<DayFigures> _days = null!;
    private ReportAssets _assets = null!;
    private PdfPrinter _printer = null!;
    private readonly System.Text.Json.JsonSerializerOptions _json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Tickets in the month, for the table's reader.</summary>
    public int Tickets { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        // 宣恩's 27 windows make about 1,760 tickets a day; four more 综合 windows make it the busy hall of the issue.
        var seed = Halls.Seed("xuanen");
        _hall = seed with
        {
            Windows = [.. seed.Windows, .. Enumerable.Range(28, 4).Select(no => seed.Windows[0] with { No = no, Name = $"{no}号综合窗口" })],
        };
        var day = DayLog.Make(_hall);
        var dayOne = DateOnly.FromDateTime(Halls.DayOpens.UtcDateTime.AddHours(8));
        _days = [];
        // The same busy day thirty times, each moved to its date: the projection counts each as its own.
        for (var d = First; d <= Last; d = d.AddDays(1))
        {
            var shift = TimeSpan.FromDays(d.DayNumber - dayOne.DayNumber);
            var figures = new HallFigures(_hall);
            foreach (var e in day.Events)
                figures.Apply(e is DayStarted s ? s with { ServiceDate = d, At = s.At + shift } : e with { At = e.At + shift });
            _days.Add(figures.Today!);
        }
        Tickets = day.Tickets * _days.Count;
        Console.WriteLine($"// {day.Tickets} tickets a day, {Tickets} in the month");
        var root = RepoRoot();
        _assets = new ReportAssets(Path.Combine(root, "silo"), Path.Combine(root, "silo", "wwwroot"));
        _printer = new PdfPrinter(Options.Create(new ReportOptions()), NullLogger<PdfPrinter>.Instance);
    }

    [Benchmark(Baseline = true)]
    public HallReport Figures() => new(_hall, new ReportPeriod(ReportPeriod.Monthly, First, Last),
        StatsReport.Build(_hall, First, Last, "category", _days), StatsReport.Build(_hall, First, Last, "window", _days),
        StatsReport.Build(_hall, First, Last, "clerk", _days));

    [Benchmark]
    public string Page() => ReportPage.Hall(Figures(), _assets, inline: true, _json, pdfLink: null);

    [Benchmark]
    public async Task<int> Pdf() => (await _printer.PrintAsync(Page(), CancellationToken.None))?.Length
        ?? throw new InvalidOperationException("Chromium printed nothing: is Debian's chromium installed?");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "silo", "node_modules", "chart.js", "package.json"))) return dir.FullName;
        throw new DirectoryNotFoundException("No silo/node_modules with chart.js above " + AppContext.BaseDirectory + ": run npm ci in silo/");
    }
}
