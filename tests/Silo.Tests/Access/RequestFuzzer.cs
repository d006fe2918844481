using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Queue.Silo.Tests.Access;

/// <summary>
/// Random requests across the route table: the route's own method or another, route values real or hostile (empty,
/// unicode, path tricks, huge), bodies well-formed, random, malformed or oversized, and hostile headers (bad
/// Idempotency-Keys, bad bearer tokens, foreign origins). Request <c>i</c> of seed <c>s</c> is always the same request.
/// </summary>
public sealed class RequestFuzzer(IReadOnlyList<Route> routes, Scene scene, int seed)
{
    /// <summary>Halls the request may name; the tests choose them (a fuzz that must change nothing leaves out its callers' own).</summary>
    public string[] Halls { get; init; } = [Callers.Here];
    /// <summary>Whether a ticket's real secret id may be used: whoever holds it may cancel the ticket.</summary>
    public bool RealTicketIds { get; init; }
    /// <summary>Bearer tokens to send instead of the caller's own now and then: none may speak for anyone here.</summary>
    public string[] ForeignTokens { get; init; } = [];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
    private static readonly string[] Fields =
    [
        "categoryCode", "matterIds", "bundleId", "appointmentCode", "priority", "greenReason", "kioskId", "clerkId", "number",
        "windowNo", "reason", "categories", "prefers", "managerId", "text", "slotStart", "slotEnd", "agentId", "screens", "id",
        "healthy", "error", "printed", "condition", "message", "userName", "password", "role", "halls", "kind", "name",
    ];
    private static readonly string[] Words =
    [
        "", " ", "general", "tax", "A001", "qykb", "shyjs", "green", "normal", "elderly", "pregnant", "online", "paperOut",
        "clerk", "manager", "kiosk", "print-agent", "tv", "xuanen", "enshi", "k1", "c01", "0", "-1", "1", "27", "2147483648",
        "99999999999999999999", "1.5", "1e400", "NaN", "true", "null", "{}", "[]", "宣恩县市民之家", "综合窗口", "🎫🏛️", "مرحبا",
        "a\u200bb", "\u0000", "\uFFFD", "../../etc/passwd", "..\\..\\boot.ini", "%2e%2e%2f", "<script>alert(1)</script>",
        "' OR 1=1 --", "${jndi:ldap://x}", "c01", "nobody", "2026-11-23T10:00:00+08:00", "2026-13-45T99:99:99Z", "help:k1", "printer:k1",
    ];
    /// <summary>Hall ids that are none of the halls (no real account's name is among these words either: a fuzzed sign-in
    /// must not lock a real account).</summary>
    private static readonly string[] NoHalls = ["", " ", "atlantis", "xuanen ", "宣恩", "../xuanen", "xuanen/../enshi", "null", "0"];
    private static readonly string[] Keys = ["", " ", "k1", "重复", "\t", "x,y", "a;b=c"];
    private static readonly string[] Origins = ["http://evil.example", "null", "http://localhost", "https://localhost:1", "file://"];

    public HttpRequestMessage Make(int i, out string description)
    {
        var random = new Random(unchecked(seed * 1_000_003 + i));
        var route = routes[random.Next(routes.Count)];
        var method = random.Next(10) < 7 ? route.Method : Pick(random, Methods);
        var path = route.Path(p => Value(random, p));
        if (random.Next(8) == 0) path += "?" + Pick(random, ["paper=58", "paper=120", "hall=xuanen&role=manager", "hall=", $"x={Huge(random)}", "a=%ZZ"]);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        var body = Body(random, route, i, out var bodyText);
        if (body is not null) request.Content = body;
        Headers(random, request);
        description = $"#{i} {method} {Shorten(path)} [{string.Join("; ", request.Headers.Select(h => $"{h.Key}: {Shorten(string.Join(",", h.Value))}"))}] "
            + $"{request.Content?.Headers.ContentType} {Shorten(bodyText)}";
        return request;
    }

    private string Value(Random random, string parameter)
    {
        if (parameter == "hallId") return random.Next(4) > 0 ? Pick(random, Halls) : random.Next(4) == 0 ? Huge(random) : Pick(random, NoHalls);
        var real = parameter != "ticketId" || RealTicketIds;
        if (real && random.Next(2) == 0) return scene.Value(parameter);
        // A NUL in a path never reaches the silo (Kestrel refuses the request line; the test server throws): bodies only.
        return random.Next(12) == 0 ? Huge(random) : Pick(random, Words) is { Length: > 0 } w ? w.Replace('\0', '0') : "x";
    }

    private HttpContent? Body(Random random, Route route, int i, out string text)
    {
        text = "";
        HttpContent? content;
        switch (random.Next(20))
        {
            case < 5: return null;
            case < 8:
                if (scene.Body(route, i) is not { } wellFormed) return null;
                content = JsonContent.Create(wellFormed);
                text = "(well-formed)";
                break;
            case < 16:
                text = Json(random, depth: 0);
                content = new StringContent(text, Encoding.UTF8);
                break;
            case < 18:
                text = Pick(random, ["{\"categoryCode\":", "[1,2", "nul", "{\"a\":1,}", "{'a':1}", "\"unterminated", "{\"a\":\"\\ud800\"}", new string('[', 5000)]);
                content = new StringContent(text, Encoding.UTF8);
                break;
            case 18:
                content = new ByteArrayContent([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]);   // invalid UTF-8
                text = "(invalid UTF-8)";
                break;
            default:
                content = new StringContent($"{{\"text\":\"{new string('长', 30_000)}\"}}", Encoding.UTF8);   // 90 KB, over the 64 KB limit
                text = "(oversized)";
                break;
        }
        var type = Pick(random, ["application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/xml", "", "application/json; charset=latin1"]);
        content.Headers.ContentType = type.Length == 0 ? null : MediaTypeHeaderValue.Parse(type);
        return content;
    }

    private void Headers(Random random, HttpRequestMessage request)
    {
        if (random.Next(3) == 0)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", random.Next(3) == 0 ? new string('k', random.Next(90, 300)) : Pick(random, Keys) + random.Next());
        if (random.Next(6) == 0)
        {
            var token = random.Next(3) == 0 && ForeignTokens.Length > 0 ? Pick(random, ForeignTokens)
                : Pick(random, ["", "x", ".", "abc.def", $"{scene.SpareDeviceId}.forged", $"{scene.SpareDeviceId}.", new string('t', 300), "a.b.c"]);
            request.Headers.TryAddWithoutValidation("Authorization", random.Next(4) == 0 ? $"Basic {token}" : $"Bearer {token}");
        }
        if (random.Next(10) == 0) request.Headers.TryAddWithoutValidation("Cookie", $"queue_staff={Pick(random, ["", "garbage", "CfDJ8" + new string('A', 200)])}");
        if (random.Next(12) == 0) request.Headers.TryAddWithoutValidation("Origin", Pick(random, Origins));
        if (random.Next(12) == 0) request.Headers.TryAddWithoutValidation("Accept", Pick(random, ["text/html", "application/xml", "*/*", "image/png"]));
    }

    /// <summary>A random JSON value, mostly objects with the API's own field names.</summary>
    private static string Json(Random random, int depth)
    {
        switch (depth > 3 ? random.Next(4) : random.Next(10))
        {
            case 0: return Quote(Pick(random, Words));
            case 1: return Pick(random, ["0", "-1", "1", "1.5", "1e308", "-0", "123456789012345678901234567890", "true", "false", "null"]);
            case 2: return "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => Json(random, depth + 1))) + "]";
            case 3: return Quote(new string('宣', random.Next(100, 2_000)));   // long, within the body limit
            default:
                var fields = Enumerable.Range(0, random.Next(1, 6))
                    .Select(_ => $"{Quote(random.Next(6) == 0 ? Pick(random, Words) : Pick(random, Fields))}:{Json(random, depth + 1)}");
                return "{" + string.Join(",", fields) + "}";
        }
    }

    /// <summary>A JSON string with its Chinese as is (the serializer's default would spell each character as \uXXXX).</summary>
    private static string Quote(string s) => JsonSerializer.Serialize(s, Raw);
    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Huge(Random random) => new(Pick(random, ['x', '宣', '9', '/']), random.Next(8) > 0 ? 1_000 : 20_000);

    private static T Pick<T>(Random random, T[] from) => from[random.Next(from.Length)];

    private static string Shorten(string? s) => s is null ? "" : s.Length <= 120 ? s : $"{s[..120]}…({s.Length} chars)";
}
