using Queue.Silo.Halls;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Queue.Silo.Api;

/// <summary>The one way a hall grain's answer becomes HTTP: a refusal is problem+json, anything else the caller's success.</summary>
public static class HallAnswerResults
{
    /// <summary>
    /// For OpenAPI, since a ProblemHttpResult names no status: what commands can be refused with. 400 malformed or
    /// invalid, 409 a state that forbids it, 422 an idempotency key reused for another request, 503 the log could not
    /// be written (nothing changed).
    /// </summary>
    public static RouteGroupBuilder ProducesCommandProblems(this RouteGroupBuilder group) => group
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static async Task<Results<TOk, ProblemHttpResult>> ToHttp<TOk>(this Task<HallAnswer> run, Func<HallAnswer, TOk> accepted)
        where TOk : IResult
    {
        var answer = await run;
        return answer.Refusal is { } r ? r.ToProblem() : accepted(answer);
    }

    /// <summary>As <see cref="ToHttp{TOk}"/>, and 204 when the command concerned no ticket: call-next with nobody eligible waiting.</summary>
    public static async Task<Results<TOk, NoContent, ProblemHttpResult>> ToHttpOrNoContent<TOk>(this Task<HallAnswer> run, Func<HallAnswer, TOk> accepted)
        where TOk : IResult
    {
        var answer = await run;
        if (answer.Refusal is { } r) return r.ToProblem();
        return answer.Ticket is null ? TypedResults.NoContent() : accepted(answer);
    }
}
