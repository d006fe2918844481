using Microsoft.AspNetCore.Http.HttpResults;
using Queue.Contracts;
using Queue.Silo.Halls;
using Queue.Silo.Storage;

namespace Queue.Silo.Api;

/// <summary>
/// GET /api/halls            every hall with its load (?view=names: ids and names, waking no hall)
/// GET /api/halls/{hallId}   the hall's full state (what the hub sends first)
/// GET /healthz              liveness and readiness: 503 store-failing while the event log cannot be written
///
/// <see cref="MapHall"/> declares the one /api/halls/{hallId} group every hall route hangs on: it answers
/// hall-not-found for halls the catalog does not know and checks Idempotency-Key headers, once for all.
/// </summary>
public static class HallEndpoints
{
    public static IEndpointRouteBuilder MapHalls(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/halls", List).WithTags("Halls").AllowAnonymous();
        app.MapGet("/healthz", Health).WithTags("Health").AllowAnonymous();
        return app;
    }

    public static RouteGroupBuilder MapHall(this IEndpointRouteBuilder app)
    {
        var hall = app.MapGroup("/api/halls/{hallId}");
        hall.AddEndpointFilter(HallExists).ProducesProblem(StatusCodes.Status404NotFound);
        hall.AddEndpointFilterFactory(IdempotencyKeys.Check);
        hall.MapGet("", State).WithTags("Halls").AllowAnonymous();
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

    /// <summary>Every hall's load asks every hall, and so wakes each one that was idle: for an authority's thousands of halls,
    /// <c>?view=names</c> answers ids and names from the configuration alone (what a console's hall picker needs).</summary>
    private static async Task<Results<Ok<HallSummaryView[]>, Ok<NamedView[]>, ProblemHttpResult>> List(string? view, HallCatalog catalog, IGrainFactory grains) =>
        view switch
        {
            null => TypedResults.Ok(await Task.WhenAll(catalog.All.Select(h => grains.GetGrain<IHallGrain>(h.Id).Summary()))),
            "names" => TypedResults.Ok(catalog.All.Select(h => new NamedView(h.Id, h.Name)).ToArray()),
            _ => Problems.Invalid("view-invalid", "view 只能是 names（只列大厅名称）", "view must be 'names' (ids and names only), or absent."),
        };

    private static async Task<Ok<HallStateView>> State(string hallId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IHallGrain>(hallId).State());

    // The web server starts after the Orleans silo (a hosted service), so answering at all means the halls can be reached.
    // While writes fail, each check probes the store, so health turns ok again by itself once the disk has room.
    private static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> Health(HallCatalog catalog, IEventStore store, CancellationToken ct)
    {
        if (store.Failure is not null)
        {
            try { await store.ProbeAsync(ct); }
            catch (Exception) { }   // the failure is what Failure reports
        }
        return store.Failure is { } f
            ? TypedResults.Json(new HealthView("store-failing", catalog.Count)
            {
                FailingSince = f.Since, Zh = "事件存储无法写入（磁盘已满或故障），办理操作暂停，查询正常",
                En = $"The event store cannot be written (disk full or failing): commands are refused, reads still work. {f.Error}",
            }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(new HealthView("ok", catalog.Count));
    }
}
