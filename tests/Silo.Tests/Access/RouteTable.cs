using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Queue.Silo.Tests.Access;

/// <summary>One method of one endpoint of the running silo, as its route table has it.</summary>
public sealed record Route(string Method, RoutePattern Pattern, Endpoint Endpoint)
{
    /// <summary>"POST /api/halls/{hallId}/windows/{windowNo}/open": parameters without their constraints.</summary>
    public string Key => $"{Method} {Build(p => $"{{{p}}}")}";

    /// <summary>Whether the endpoint says who may call it: a policy (IAuthorizeData) or anyone (IAllowAnonymous).</summary>
    public bool DeclaresAccess =>
        Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    public IEnumerable<string> Parameters => Pattern.Parameters.Select(p => p.Name);

    /// <summary>The path with each parameter's value escaped (a catch-all's slashes kept).</summary>
    public string Path(Func<string, string> value) => Build(name =>
    {
        var catchAll = Pattern.GetParameter(name)!.IsCatchAll;
        var v = value(name);
        return catchAll ? string.Join('/', v.Split('/').Select(Uri.EscapeDataString)) : Uri.EscapeDataString(v);
    });

    private string Build(Func<string, string> parameter)
    {
        var path = new StringBuilder();
        foreach (var segment in Pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart l => l.Content,
                    RoutePatternSeparatorPart s => s.Content,
                    RoutePatternParameterPart p => parameter(p.Name),
                    _ => throw new NotSupportedException(part.GetType().Name),
                });
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    /// <summary>Every route the silo answers, one per method (GET for an endpoint that takes any).</summary>
    public static IReadOnlyList<Route> Of(SiloApplication silo)
    {
        return [.. silo.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET"])
                .Select(m => new Route(m, e.RoutePattern, e)))
            .OrderBy(r => r.Key, StringComparer.Ordinal)];
    }
}
