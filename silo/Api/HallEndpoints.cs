using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>
/// GET /api/halls            every hall with its load
/// GET /api/halls/{hallId}   the hall's full state (what the hub sends first)
/// GET /healthz              liveness and readiness
///
/// <see cref="MapHall"/> declares the one /api/halls/{hallId} group every hall route hangs on: it answers
/// hall-not-found for halls the catalog does not know and checks Idempotency-Key headers, once for all.
/// </summary>
public static class HallEndpoints
{
    public static IEndpointRouteBuilder MapHalls(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/halls", List).WithTags("Halls");
        app.MapGet("/healthz", Health).WithTags("Health");
        return app;
    }

    public static RouteGroupBuilder MapHall(this IEndpointRouteBuilder app)
    {
        var hall = app.MapGroup("/api/halls/{hallId}");
        hall.AddEndpointFilter(HallExists).ProducesProblem(StatusCodes.Status404NotFound);
        hall.AddEndpointFilterFactory(IdempotencyKeys.Check);
        hall.MapGet("", State).WithTags("Halls");
        return hall;
    }

    /// <summary>Before any grain is touched: an unknown id must not activate a hall that has no configuration.</summary>
    private static async ValueTask<object?> HallExists(EndpointFilterInvocationContext call, EndpointFilterDelegate next)
    {
        var hallId = (string)call.HttpContext.GetRouteValue("hallId")!;
        return call.HttpContext.RequestServices.GetRequiredService<HallCatalog>().Find(hallId) is null
            ? Problems.HallNotFound(hallId)
            : await next(call);
    }

    private static async Task<Ok<HallSummaryView[]>> List(HallCatalog catalog, IGrainFactory grains) =>
        TypedResults.Ok(await Task.WhenAll(catalog.All.Select(h => grains.GetGrain<IHallGrain>(h.Id).Summary())));

    private static async Task<Ok<HallStateView>> State(string hallId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IHallGrain>(hallId).State());

    // The web server starts after the Orleans silo (a hosted service), so answering at all means the halls can be reached.
    private static Ok<HealthView> Health(HallCatalog catalog) => TypedResults.Ok(new HealthView("ok", catalog.Count));
}
