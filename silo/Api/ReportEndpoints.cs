using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Queue.Hall;
using Queue.Silo.Access;
using Queue.Silo.Halls;
using Queue.Silo.Reports;

namespace Queue.Silo.Api;

/// <summary>
/// GET /api/halls/{hallId}/reports/daily?date=2026-11-23&amp;format=html|pdf     日报 (today without a date)
/// GET /api/halls/{hallId}/reports/monthly?month=2026-11&amp;format=html|pdf     月报 (this month, to today, without one)
/// GET /api/reports/monthly?month=2026-11&amp;halls=enshi,xuanen&amp;format=…     汇总月报 over several halls (a 州 over its 县)
/// A hall's reports are its managers'; a roll-up is an admin's, or a manager's of every hall it names. html (the default)
/// is a print-friendly A4 page; pdf is that page printed by headless Chromium (ReportOptions).
/// </summary>
public static class ReportEndpoints
{
    /// <summary>More halls than a province has counties is a mistyped list.</summary>
    public const int MaxHalls = 200;

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder hall)
    {
        var reports = hall.MapGroup("/reports").WithTags("Reports").RequireAuthorization(AccessPolicies.HallManager).AddEndpointFilter(KnownFormat);
        reports.MapGet("/daily", Daily);
        reports.MapGet("/monthly", Monthly);
        return hall;
    }

    public static IEndpointRouteBuilder MapRollUpReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/monthly", RollUp).WithTags("Reports").RequireAuthorization(AccessPolicies.Managers)
            .AddEndpointFilter(KnownFormat).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> Daily(string hallId, string? date, string? format,
        HttpContext http, HallCatalog catalog, IGrainFactory grains, TimeProvider clock)
    {
        var hall = catalog.Find(hallId)!;   // the hall group answered hall-not-found before
        return ReportPeriod.Day(date, Today(hall, clock), out var refusal) is { } period
            ? await HallReport(http, grains, hall, period, format) : refusal!.ToProblem();
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> Monthly(string hallId, string? month, string? format,
        HttpContext http, HallCatalog catalog, IGrainFactory grains, TimeProvider clock)
    {
        var hall = catalog.Find(hallId)!;
        return ReportPeriod.Month(month, Today(hall, clock), out var refusal) is { } period
            ? await HallReport(http, grains, hall, period, format) : refusal!.ToProblem();
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> HallReport(HttpContext http, IGrainFactory grains,
        HallConfig hall, ReportPeriod period, string? format)
    {
        var report = await Reports.HallReport.Read(grains, hall, period);
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        return await Answer(http, format, $"{hall.Name} {period.Title} {period.Name}", $"report-{hall.Id}-{period.Stamp}",
            (assets, inline, pdfLink) => ReportPage.Hall(report, assets, inline, json, pdfLink));
    }

    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> RollUp(string? month, string? halls, string? format,
        HttpContext http, ClaimsPrincipal user, HallCatalog catalog, IGrainFactory grains, TimeProvider clock)
    {
        var ids = (halls ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > MaxHalls)
            return Problems.Invalid("report-halls-invalid", $"请用 halls 列出要汇总的大厅编号（逗号分隔，1 到 {MaxHalls} 个）",
                $"halls lists the halls to roll up, separated by commas (1 to {MaxHalls}).");
        if (ids.FirstOrDefault(id => catalog.Find(id) is null) is { } unknown) return Problems.HallNotFound(unknown);
        var actor = Actor.Of(user)!;
        if (ids.FirstOrDefault(id => !actor.IsStaff(id, Roles.Manager)) is { } foreign)
            return Problems.Invalid("forbidden", $"无权查看大厅 {foreign} 的报表（汇总报表只含本账号管理的大厅）",
                $"This account does not manage hall '{foreign}': a roll-up names only halls it manages.").ToStatus(StatusCodes.Status403Forbidden);
        var configs = ids.Select(id => catalog.Find(id)!).ToList();
        if (ReportPeriod.Month(month, Today(configs[0], clock), out var refusal) is not { } period) return refusal!.ToProblem();
        var reports = await Task.WhenAll(configs.Select(h => Reports.HallReport.Read(grains, h, period)));
        return await Answer(http, format, $"{period.Title} 汇总月报", $"report-{period.Stamp}-{ids.Count}-halls",
            (assets, inline, pdfLink) => ReportPage.RollUp(reports, period, assets, inline, pdfLink));
    }

    /// <summary>The page, or its PDF as a download named in Chinese (the ASCII name for old clients).</summary>
    private static async Task<Results<ContentHttpResult, FileContentHttpResult, ProblemHttpResult>> Answer(HttpContext http, string? format,
        string title, string asciiName, Func<ReportAssets, bool, string?, string> page)
    {
        var assets = http.RequestServices.GetRequiredService<ReportAssets>();
        if (format != "pdf")
        {
            http.Response.Headers.CacheControl = "no-store";
            var pdfLink = http.Request.Path + QueryString.Create(http.Request.Query.Where(q => q.Key != "format")
                .Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())).Append(KeyValuePair.Create("format", "pdf"))!);
            return TypedResults.Content(page(assets, false, pdfLink), "text/html; charset=utf-8");
        }
        var pdf = await http.RequestServices.GetRequiredService<PdfPrinter>().PrintAsync(page(assets, true, null), http.RequestAborted);
        if (pdf is null)
            return new Refusal("report-pdf-unavailable", "PDF 暂时无法生成（服务器缺少 Chromium 或打印超时），请打开网页版报表后打印",
                "The PDF could not be printed (Chromium missing, failing or too slow; see the log): open the HTML report and print it.",
                RefusalKind.Unavailable).ToProblem();
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{asciiName}.pdf\"; filename*=UTF-8''{Uri.EscapeDataString(title + ".pdf")}";
        return TypedResults.File(pdf, "application/pdf");
    }

    /// <summary>format is html (the default) or pdf.</summary>
    private static async ValueTask<object?> KnownFormat(EndpointFilterInvocationContext call, EndpointFilterDelegate next) =>
        call.HttpContext.Request.Query["format"].ToString() is "" or "html" or "pdf"
            ? await next(call)
            : Problems.Invalid("report-format-invalid", "格式（format）只能是 html 或 pdf", "format is html (the default) or pdf.");

    private static DateOnly Today(HallConfig hall, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(hall.TimeZone)).DateTime);
}
