using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Queue.Silo.Api;

/// <summary>
/// A bare status (an unknown URL, a method the route does not take) answers the same bilingual problem+json as every
/// refusal, whatever the request's Accept header asks for: the framework's own page is plain text for a browser that
/// asks for text/html, or a client that asks for XML.
/// </summary>
public static class StatusPages
{
    public static Task Write(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var problem = new ProblemDetails { Status = status, Title = ReasonPhrases.GetReasonPhrase(status) };
        Bilingual(problem);
        return TypedResults.Problem(problem).ExecuteAsync(context.HttpContext);
    }

    /// <summary>Gives a problem the framework made (ours have theirs) a code and its Chinese and English.</summary>
    public static void Bilingual(ProblemDetails problem)
    {
        if (problem.Extensions.ContainsKey("code")) return;
        var (code, zh) = problem.Status switch
        {
            404 => ("not-found", "找不到该地址"),
            405 => ("method-not-allowed", "不支持该请求方法"),
            415 => ("unsupported-media-type", "请使用 application/json"),
            _ => ("error", "请求失败"),
        };
        problem.Type = $"urn:queue:{code}";
        problem.Extensions["code"] = code;
        problem.Extensions["zh"] = zh;
        problem.Extensions["en"] = problem.Title;
        problem.Detail ??= problem.Title;
        problem.Title = zh;
    }
}
