using OpenTelemetry.Metrics;
using Queue.Silo.Storage;

namespace Queue.Silo.Metrics;

public static class MetricsSetup
{
    /// <summary>The halls' instruments (<see cref="HallMetrics"/>) read by OpenTelemetry's Prometheus exporter, and the
    /// store's appends timed. After AddStorage and AddHalls: it wraps the store they registered.</summary>
    public static IHostApplicationBuilder AddOperatorMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(HallMetrics.MeterName).AddPrometheusExporter());
        var store = builder.Services.Last(d => d.ServiceType == typeof(IEventStore));
        builder.Services.Remove(store);
        builder.Services.AddSingleton<IEventStore>(sp =>
            new TimedAppends((IEventStore)store.ImplementationFactory!(sp), sp.GetRequiredService<HallMetrics>()));
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
