using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Queue.Silo.Tests.Printing;

/// <summary>Calls the printing tests make: a silo with printing settings, polling a job, reading alerts.</summary>
public static class PrintingSilo
{
    /// <summary>The same silo (clock, database) with extra settings, e.g. a kiosk's direct printer.</summary>
    public static WebApplicationFactory<Program> With(this SiloApplication silo, params (string Key, string Value)[] settings) =>
        silo.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    public static (string, string)[] DirectPrinter(string address, string kiosk = "k1", int paper = 58) =>
        [($"Printing:Kiosks:xuanen:{kiosk}:Printer", address), ($"Printing:Kiosks:xuanen:{kiosk}:Paper", paper.ToString())];

    public static async Task<JsonElement> Job(this HttpClient http, string jobId, string hall = "xuanen")
    {
        var response = await http.GetAsync($"/api/halls/{hall}/print-jobs/{jobId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SiloApplication.Body(response);
    }

    /// <summary>Polls the job as a kiosk does until it is printed, failed or has no printer.</summary>
    public static Task<JsonElement> FinishedJob(this HttpClient http, string jobId, string hall = "xuanen") =>
        Eventually(async () =>
        {
            var job = await http.Job(jobId, hall);
            return job.GetProperty("status").GetString() is "printed" or "failed" or "no-printer" ? job : (JsonElement?)null;
        }, $"print job {jobId} to finish");

    public static async Task<JsonElement?> Alert(this HttpClient http, string key, string hall = "xuanen")
    {
        var alerts = await SiloApplication.Body(await http.GetAsync($"/api/halls/{hall}/manage/alerts"));
        foreach (var alert in alerts.EnumerateArray())
            if (alert.GetProperty("key").GetString() == key) return alert;
        return null;
    }

    public static string PrintJobId(this JsonElement ticket) => ticket.GetProperty("print").GetProperty("jobId").GetString()!;

    /// <summary>Asks again every 50 ms until the answer is there; fails after <paramref name="seconds"/>.</summary>
    public static async Task<T> Eventually<T>(Func<Task<T?>> probe, string what, double seconds = 10) where T : struct
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(50);
        }
    }
}
