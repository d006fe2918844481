using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Queue.Silo.Tests.Access;

/// <summary>
/// Thousands of random requests (<see cref="RequestFuzzer"/>) across every route: never a 5xx, every refusal bilingual
/// problem+json, and from callers who may change nothing, no change at all. Set QUEUE_FUZZ_SEED to replay a failure.
/// </summary>
public partial class FuzzTests(ITestOutputHelper output)
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("QUEUE_FUZZ_SEED"), out var s) ? s : Random.Shared.Next();

    [Fact]
    public async Task Ten_thousand_fuzzed_requests_from_callers_who_may_change_nothing_change_nothing_and_never_answer_5xx()
    {
        await using var silo = new SiloApplication(settings: AccessMatrixTests.Unlimited);
        var callers = await Callers.Make(silo);
        var scene = await Scene.Make(silo, callers);
        var before = await SiloRecord.Of(silo, callers[Who.Admin]);
        // Nobody, and the staff and devices of another hall, aimed at this hall and one no caller works in.
        var fuzzer = new RequestFuzzer(Route.Of(silo), scene, Seed)
        {
            Halls = [Callers.Here, "shadaogou"], ForeignTokens = [callers.Token(Who.KioskElsewhere)!],
        };
        await Fuzz(callers, fuzzer, [Who.Nobody, Who.ClerkElsewhere, Who.ManagerElsewhere, Who.KioskElsewhere], 10_000);
        var changed = SiloRecord.Difference(before, await SiloRecord.Of(silo, callers[Who.Admin]));
        Assert.True(changed is null, $"seed {Seed} (QUEUE_FUZZ_SEED={Seed} replays it): the fuzzed requests changed the silo: {changed}");
    }

    [Fact]
    public async Task Fuzzed_requests_from_callers_who_may_act_never_answer_5xx_and_refuse_in_both_languages()
    {
        await using var silo = new SiloApplication(settings: AccessMatrixTests.Unlimited);
        var callers = await Callers.Make(silo);
        var scene = await Scene.Make(silo, callers);
        var fuzzer = new RequestFuzzer(Route.Of(silo), scene, Seed)
        {
            Halls = [Callers.Here, Callers.Elsewhere], RealTicketIds = true, ForeignTokens = [callers.Token(Who.KioskElsewhere)!],
        };
        await Fuzz(callers, fuzzer, [Who.Kiosk, Who.DisplayAgent, Who.PrintAgent, Who.Clerk, Who.Manager, Who.Admin], 3_000);
    }

    /// <summary>Sends <paramref name="count"/> requests, four at a time, each from a random one of <paramref name="who"/>.</summary>
    private async Task Fuzz(Callers callers, RequestFuzzer fuzzer, Who[] who, int count)
    {
        var clients = who.Select(w => callers[w]).ToArray();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count && failures.Count < 20; i = Interlocked.Increment(ref next))
            {
                var caller = i % clients.Length;
                using var request = fuzzer.Make(i, out var description);
                try
                {
                    using var response = await clients[caller].SendAsync(request);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    var body = await response.Content.ReadAsStringAsync();
                    var wrong = status >= 500 ? "a server error" : status >= 300 ? BilingualProblem(response, body) : null;
                    if (wrong is not null) failures.Enqueue($"{description} as {who[caller]} → {status}, {wrong}: {(body.Length > 300 ? body[..300] : body)}");
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{description} as {who[caller]} → {e.Message}");
                }
            }
        })));
        output.WriteLine($"seed {Seed}: {Math.Min(next, count)} requests; answers {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        Assert.True(failures.IsEmpty, $"seed {Seed} (QUEUE_FUZZ_SEED={Seed} replays it):\n{string.Join("\n", failures)}");
    }

    /// <summary>What is wrong with a refusal: null when it is problem+json with a code, Chinese and English.</summary>
    private static string? BilingualProblem(HttpResponseMessage response, string body)
    {
        // A page address (/kiosk/{hallId}, …) naming no hall is a document for a browser: 404 with the page 没有这个大厅.
        if (response.StatusCode == HttpStatusCode.NotFound && response.Content.Headers.ContentType?.MediaType == "text/html"
            && body.Contains("<h1>没有这个大厅</h1>", StringComparison.Ordinal)) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return $"content type {response.Content.Headers.ContentType}";
        try
        {
            var problem = JsonSerializer.Deserialize<JsonElement>(body);
            string Text(string field) => problem.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            if (Text("code").Length == 0) return "no code";
            if (!Chinese().IsMatch(Text("zh"))) return "no Chinese zh";
            if (!English().IsMatch(Text("en"))) return "no English en";
            return null;
        }
        catch (JsonException e) { return e.Message; }
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex English();
}
