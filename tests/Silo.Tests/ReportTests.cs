using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>The daily, monthly and roll-up reports (…/reports/daily|monthly, /api/reports/monthly) as a hall's manager reads and prints them.</summary>
public class ReportTests
{
    private const string Stats = "/api/halls/xuanen/stats?from=2026-11-01&to=2026-11-23&by=category";

    [Fact]
    public async Task The_monthly_pdf_names_the_hall_and_shows_the_same_totals_as_the_stats()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        await admin.CreateUserOk("m1", "manager", "xuanen");
        // A morning at window 1: five numbers, three served two minutes each, two still waiting.
        await admin.OpenWindow(1);
        for (var i = 0; i < 5; i++) await admin.TakeOk(new { categoryCode = "general" });
        for (var i = 0; i < 3; i++)
        {
            await admin.ActOk(1, "call-next");
            silo.Clock.Advance(TimeSpan.FromMinutes(2));
            await admin.ActOk(1, "complete");
        }
        var manager = silo.Client("m1");
        // The figures catch up on the log by themselves: wait for them, not for a time.
        var totals = await Wait.For<JsonElement>(async () => (await manager.GetOk(Stats)).GetProperty("totals") is var t
            && t.GetProperty("served").GetInt32() == 3 ? (JsonElement?)t : null, TimeSpan.FromSeconds(10), "the month's figures to show the three served");
        Assert.Equal(5, totals.GetProperty("issued").GetInt32());

        using var answer = await manager.GetAsync("/api/halls/xuanen/reports/monthly?month=2026-11&format=pdf");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/pdf", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("宣恩县市民之家 2026年11月（截至11月23日） 月报.pdf", answer.Content.Headers.ContentDisposition?.FileNameStar);
        var text = await PdfText(await answer.Content.ReadAsByteArrayAsync());

        Assert.Contains("宣恩县市民之家", text);
        Assert.Contains("2026年11月", text);
        foreach (var (label, name) in new[] { ("取号", "issued"), ("办结", "served"), ("过号", "noShow"), ("取消", "cancelled") })
            Assert.Matches(new Regex($@"(^|\s){label}\s+{totals.GetProperty(name).GetInt32()}(\s|$)", RegexOptions.Multiline), text);
        Assert.Contains("综合受理", text);   // the category table
    }

    [Fact]
    public async Task Bad_dates_months_formats_and_halls_are_refused_in_both_languages_and_a_roll_up_names_only_managed_halls()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        await admin.CreateUserOk("m1", "manager", "xuanen");
        await admin.CreateUserOk("m2", "manager", "xuanen", "enshi");
        await admin.CreateUserOk("c1", "clerk", "xuanen");
        var manager = silo.Client("m1");
        foreach (var (path, status, code) in new[]
        {
            ("/api/halls/xuanen/reports/daily?date=2026-13-01", HttpStatusCode.BadRequest, "report-date-invalid"),
            ("/api/halls/xuanen/reports/daily?date=2026-11-24", HttpStatusCode.BadRequest, "report-date-future"),
            ("/api/halls/xuanen/reports/monthly?month=2026-1", HttpStatusCode.BadRequest, "report-month-invalid"),
            ("/api/halls/xuanen/reports/monthly?month=2026-12", HttpStatusCode.BadRequest, "report-month-future"),
            ("/api/halls/xuanen/reports/monthly?month=2026-11&format=xlsx", HttpStatusCode.BadRequest, "report-format-invalid"),
            ("/api/reports/monthly?month=2026-11", HttpStatusCode.BadRequest, "report-halls-invalid"),
            ("/api/reports/monthly?month=2026-11&halls=xuanen,nowhere", HttpStatusCode.NotFound, "hall-not-found"),
            ("/api/reports/monthly?month=2026-11&halls=xuanen,enshi", HttpStatusCode.Forbidden, "forbidden"),
        })
            await HallApi.AssertProblem(await manager.GetAsync(path), status, code);
        await HallApi.AssertProblem(await admin.GetAsync("/api/halls/nowhere/reports/daily"), HttpStatusCode.NotFound, "hall-not-found");
        await HallApi.AssertProblem(await silo.Client("c1").GetAsync("/api/halls/xuanen/reports/daily"), HttpStatusCode.Forbidden, "forbidden");

        // A manager of both halls (a 州's) rolls them up: a row per hall and their sum.
        var rollUp = await silo.Client("m2").GetAsync("/api/reports/monthly?month=2026-11&halls=enshi,xuanen");
        Assert.Equal(HttpStatusCode.OK, rollUp.StatusCode);
        var html = await rollUp.Content.ReadAsStringAsync();
        Assert.Contains("恩施州政务服务中心", html);
        Assert.Contains("宣恩县市民之家", html);
        Assert.Contains("合计", html);
    }

    /// <summary>The PDF's text as poppler's pdftotext reads it (layout kept, so a label and its figure stay on one line).</summary>
    private static async Task<string> PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"queue-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var pdftotext = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await pdftotext.StandardOutput.ReadToEndAsync();
            await pdftotext.WaitForExitAsync();
            Assert.Equal(0, pdftotext.ExitCode);
            return text;
        }
        finally { File.Delete(file); }
    }
}
