using Queue.Contracts;
using Queue.Silo.Grains;
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

    private static async Task<IResult> List(HallCatalog catalog, IGrainFactory grains) =>
        TypedResults.Ok(await Task.WhenAll(catalog.All.Select(h => grains.GetGrain<IHallGrain>(h.Id).Summary())));

    private static async Task<IResult> Get(string hallId, HallCatalog catalog, IGrainFactory grains) =>
        catalog.Find(hallId) is null ? Problems.HallNotFound(hallId) : TypedResults.Ok(await grains.GetGrain<IHallGrain>(hallId).State());

    private static IResult Health(HallCatalog catalog) => TypedResults.Ok(new HealthView("ok", catalog.Count));
}
