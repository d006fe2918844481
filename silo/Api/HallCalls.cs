using Queue.Hall;
using Queue.Silo.Grains;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>From HTTP to a hall's grain and back: the one path every command endpoint takes.</summary>
public static class HallCalls
{
    public static async Task<IResult> Run(HallCatalog catalog, IGrainFactory grains, string hallId, HallCommand command, Func<HallAnswer, IResult> accepted)
    {
        if (catalog.Find(hallId) is null) return Problems.HallNotFound(hallId);
        var answer = await grains.GetGrain<IHallGrain>(hallId).Run(command);
        return answer.Refusal is { } r ? r.ToProblem() : accepted(answer);
    }

    /// <summary>The optional Idempotency-Key header; null result with a problem when it is unusable.</summary>
    public static IResult? CheckKey(HttpRequest request, bool required, out string? key)
    {
        key = request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k.Trim() : null;
        if (key is null) return required ? Problems.KeyRequired() : null;
        return key.Length > 100 ? Problems.KeyTooLong() : null;
    }
}
