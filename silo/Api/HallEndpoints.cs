using Queue.Contracts;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>
/// GET /api/halls            every hall with its load
/// GET /api/halls/{hallId}   the hall's full state (what the hub sends first)
/// GET /healthz              liveness and readiness
/// </summary>
public static class HallEndpoints
{
    public static IEndpointRouteBuilder MapHalls(this IEndpointRouteBuilder app)
    {
        var halls = app.MapGroup("/api/halls").WithTags("Halls");
        halls.MapGet("/", List);
        halls.MapGet("/{hallId}", Get);
        app.MapGet("/healthz", Health).WithTags("Health");
        return app;
    }

    private static async Task<IResult> List(HallRegistry halls) =>
        TypedResults.Ok(await Task.WhenAll(halls.All.Select(h => h.Query((s, _) => Views.Summary(s)))));

    private static Task<IResult> Get(string hallId, HallRegistry halls) =>
        HallCalls.Read(halls, hallId, (s, now) => TypedResults.Ok(Views.Hall(s, now)));

    private static IResult Health(HallRegistry halls) => halls.IsReady
        ? TypedResults.Ok(new HealthView("ok", halls.Count))
        : TypedResults.Json(new HealthView("starting", 0), statusCode: 503);
}
