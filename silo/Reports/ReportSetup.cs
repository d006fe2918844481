namespace Queue.Silo.Reports;

public static class ReportSetup
{
    /// <summary>The daily, monthly and roll-up reports: their page assets and the PDF printer (Reports:Chromium, Reports:PdfTimeout).</summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportOptions>().BindConfiguration("Reports");
        builder.Services.AddSingleton(sp => new ReportAssets(sp.GetRequiredService<IWebHostEnvironment>()));
        builder.Services.AddSingleton<PdfPrinter>();
        return builder;
    }
}
