using System.Net;
using Queue.Tests.Support;
using static Queue.Tests.Support.PrometheusText;

namespace Queue.Silo.Tests.Install;

/// <summary>/metrics as a Prometheus scraper on the hall network reads it: anonymous, text format, our instruments.
/// A silo process of its own, so no other test's hall counts in.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_count_numbers_taken_calls_waits_and_appends_for_an_anonymous_scraper()
    {
        await using var silo = new SiloProcess();
        await silo.StartAsync();
        using var http = silo.Client();
        await http.OpenWindow(1);
        await http.TakeOk(new { categoryCode = "general" });
        await http.TakeOk(new { categoryCode = "general" });
        await http.ActOk(1, "call-next");
        await http.ActOk(1, "recall");

        using var scraper = silo.AnonymousClient();
        var answer = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.StartsWith("text/plain", answer.Content.Headers.ContentType?.MediaType);
        var text = await answer.Content.ReadAsStringAsync();

        Assert.Equal(2, Sample(text, "queue_tickets_issued_total", "hall=\"xuanen\""));
        Assert.Equal(1, Sample(text, "queue_calls_total", "hall=\"xuanen\",recall=\"false\""));
        Assert.Equal(1, Sample(text, "queue_calls_total", "hall=\"xuanen\",recall=\"true\""));
        Assert.Equal(1, Sample(text, "queue_wait_duration_seconds_count", "hall=\"xuanen\""));
        // Opening, two numbers, a call and a recall: at least five appends, each timed.
        Assert.True(Sample(text, "queue_store_append_duration_seconds_count", "") >= 5, text);
    }
}
