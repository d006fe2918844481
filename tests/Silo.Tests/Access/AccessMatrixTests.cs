using System.Net;
using System.Net.Http.Json;
using Queue.Tests.Support;
using Xunit.Abstractions;

namespace Queue.Silo.Tests.Access;

/// <summary>Every route of the running silo × every kind of caller, against <see cref="AccessRules"/>.</summary>
public class AccessMatrixTests(ITestOutputHelper output)
{
    /// <summary>Rate limits out of the way: the matrix calls far faster than any one client would.</summary>
    public static readonly Dictionary<string, string> Unlimited = new[] { "taking", "lookup", "resident", "help", "sign-in", "device", "booking" }
        .ToDictionary(p => $"RateLimits:{p}:PermitLimit", _ => "1000000");

    [Fact]
    public async Task Every_endpoint_declares_a_policy_or_allows_anonymous_callers()
    {
        await using var silo = new SiloApplication();
        var routes = Route.Of(silo);
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        Assert.Empty(routes.Where(r => !r.DeclaresAccess).Select(r => r.Key));
    }

    [Fact]
    public async Task Each_caller_is_let_through_or_refused_exactly_as_the_rules_say_and_a_refused_call_changes_nothing()
    {
        await using var silo = new SiloApplication(settings: Unlimited);
        var callers = await Callers.Make(silo);
        var scene = await Scene.Make(silo, callers);
        var admin = callers[Who.Admin];
        var clients = Callers.All.ToDictionary(w => w, w => callers[w]);
        var failures = new List<string>();
        string? record = null;   // what nothing must change, read again after each call that may have changed something
        var n = 0;
        async Task<HttpResponseMessage> Send(Route route, Who who)
        {
            using var request = Request(route, scene, ++n);
            return await clients[who].SendAsync(request);
        }

        foreach (var route in Route.Of(silo))
        {
            foreach (var who in Callers.All)
            {
                var owner = (await admin.WindowOk(1)).GetProperty("clerkId").GetString();
                var refusal = AccessRules.Refusal(route.Key, who, owner);
                if (refusal is null)
                {
                    using var allowed = await Send(route, who);
                    if (allowed.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                        failures.Add($"{route.Key} as {who} → {(int)allowed.StatusCode}, but {who} may: {await allowed.Content.ReadAsStringAsync()}");
                    record = null;
                    continue;
                }
                record ??= await SiloRecord.Of(silo, admin);
                using var refused = await Send(route, who);
                var call = $"{route.Key} as {who} → {(int)refused.StatusCode}";
                if (await RefusalProblem(refused, refusal.Value) is { } wrong) failures.Add($"{call}, expected {refusal}: {wrong}");
                var after = await SiloRecord.Of(silo, admin);
                if (SiloRecord.Difference(record!, after) is { } changed)   // recorded above: this call is one to refuse failures.Add($"{call} was refused but changed the silo: {changed}");
                record = after;
            }
        }
        output.WriteLine($"{n} calls");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What is wrong with a refusal: null when it is <paramref name="status"/> as bilingual problem+json, 401
    /// sign-in-required or 403 forbidden (or the hall's own 403s: not-your-window, a device asking who it is signed in as).</summary>
    public static async Task<string?> RefusalProblem(HttpResponseMessage response, int status)
    {
        string[] codes = status == 401 ? ["sign-in-required"] : ["forbidden", "not-your-window", "not-a-person", "rating-by-resident-only"];
        try
        {
            var code = (await HallApi.Body(response)).GetProperty("code").GetString();
            await HallApi.AssertProblem(response, (HttpStatusCode)status, codes.Contains(code) ? code! : codes[0]);
            return null;
        }
        catch (Exception e) when (e is HallApiException or KeyNotFoundException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return $"{e.Message} {await response.Content.ReadAsStringAsync()}";
        }
    }

    /// <summary>The route with real ids and a well-formed body; a fresh Idempotency-Key on every change.</summary>
    public static HttpRequestMessage Request(Route route, Scene scene, int n)
    {
        var path = route.Path(scene.Value) + (route.Key.Contains(" /hubs/", StringComparison.Ordinal) ? $"?hall={Callers.Here}" : "");
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (scene.Body(route, n) is { } body) request.Content = JsonContent.Create(body);
        if (route.Method != "GET") request.Headers.Add("Idempotency-Key", $"matrix-{n}");
        return request;
    }
}
