using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Halls;

namespace Queue.Silo.Api;

/// <summary>From HTTP to a hall's mailbox and back: the one path every command endpoint takes.</summary>
public static class HallCalls
{
    public static async Task<IResult> Run(HallRegistry halls, string hallId, HallCommand command,
        Func<HallState, Decision, DateTimeOffset, IResult> accepted)
    {
        if (halls.Find(hallId) is not { } hall) return Problems.HallNotFound(hallId);
        return await hall.Send(command, (s, d, now) => d.Refusal is { } r ? r.ToProblem() : accepted(s, d, now));
    }

    public static async Task<IResult> Read(HallRegistry halls, string hallId, Func<HallState, DateTimeOffset, IResult> read)
    {
        if (halls.Find(hallId) is not { } hall) return Problems.HallNotFound(hallId);
        return await hall.Query(read);
    }

    /// <summary>The optional Idempotency-Key header; null result with a problem when it is unusable.</summary>
    public static IResult? CheckKey(HttpRequest request, bool required, out string? key)
    {
        key = request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k.Trim() : null;
        if (key is null) return required ? Problems.KeyRequired() : null;
        return key.Length > 100 ? Problems.KeyTooLong() : null;
    }
}
