using OpenTelemetry.Metrics;

namespace Queue.Silo.Metrics;

public static class MetricsSetup
{
    /// <summary>The halls' instruments (<see cref="HallMetrics"/>, made with the halls' services) read by OpenTelemetry's
    /// Prometheus exporter.</summary>
    public static IHostApplicationBuilder AddOperatorMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(HallMetrics.MeterName).AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// GET /metrics in Prometheus' text format. Anonymous on purpose: it tells numbers taken, calls and waits per hall,
    /// which GET /api/halls already tells anyone on the hall network, and nothing about a resident or an account; a
    /// Prometheus scraper then needs no password kept on another machine.
    /// </summary>
    public static IEndpointRouteBuilder MapOperatorMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
