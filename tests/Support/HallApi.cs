using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Queue.Tests.Support;

/// <summary>
/// The silo's REST calls (docs/api.md) as tests and tools make them, on any HttpClient whose base address is a
/// silo: in-process (WebApplicationFactory) or a <see cref="SiloProcess"/>. A plain call returns the response; its
/// <c>…Ok</c> twin insists on success and returns the JSON body, else throws <see cref="HallApiException"/>
/// with status and body. No test framework here, so a console tool can use it too.
/// </summary>
public static class HallApi
{
    public const string Hall = "xuanen";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // ---------- accounts and devices 账号与设备 ----------

    /// <summary>POST /api/admin/users as an admin; the account's password is <see cref="Staff.Password"/>.</summary>
    public static Task<JsonElement> CreateUserOk(this HttpClient admin, string userName, string role, params string[] halls) =>
        admin.PostOk("/api/admin/users", new { userName, password = Staff.Password, role, halls });

    /// <summary>Pairs a device as a manager; returns the token (shown this once) and the rest of the answer.</summary>
    public static async Task<(string Id, string Token, JsonElement Answer)> PairOk(this HttpClient manager, string kind, string name, string hall = Hall)
    {
        var answer = await manager.PostOk($"/api/halls/{hall}/manage/devices", new { kind, name });
        return (answer.GetProperty("id").GetString()!, answer.GetProperty("token").GetString()!, answer);
    }

    // ---------- tickets 取号 ----------

    /// <summary>POST tickets with an Idempotency-Key (a fresh one unless given), as a kiosk does.</summary>
    public static Task<HttpResponseMessage> Take(this HttpClient http, object body, string hall = Hall, string? key = null) =>
        http.Post($"/api/halls/{hall}/tickets", body, key ?? Guid.NewGuid().ToString());

    /// <summary>Takes a ticket, insisting on 201 Created; returns the ticket.</summary>
    public static async Task<JsonElement> TakeOk(this HttpClient http, object body, string hall = Hall, string? key = null) =>
        await Expect(await http.Take(body, hall, key), HttpStatusCode.Created, "take a ticket");

    /// <summary>POST tickets/remote (线上取号) with a fresh Idempotency-Key, as a resident's phone does.</summary>
    public static Task<HttpResponseMessage> TakeRemotely(this HttpClient http, object body, string hall = Hall) =>
        http.Post($"/api/halls/{hall}/tickets/remote", body, Guid.NewGuid().ToString());

    /// <summary>POST tickets/{id}/arrive with the door's code: a remote ticket checks in at the hall.</summary>
    public static Task<HttpResponseMessage> Arrive(this HttpClient http, string ticketId, string doorCode, string hall = Hall) =>
        http.Post($"/api/halls/{hall}/tickets/{ticketId}/arrive", new { doorCode });

    /// <summary>GET tickets/{id}: the ticket's status page by its secret id (404 when the hall has no such ticket).</summary>
    /// <summary>预约 of a slot for 综合受理 (or the 一件事 <paramref name="bundleId"/>) by 张三, with a fresh Idempotency-Key unless given.</summary>
    public static Task<HttpResponseMessage> Book(this HttpClient http, string phone, string slotStart, string? key = null, string? bundleId = null, string hall = Hall) =>
        http.Post($"/api/halls/{hall}/appointments", bundleId is null ? new { categoryCode = "general", slotStart, phone, name = "张三" }
            : new { bundleId, slotStart, phone, name = "张三" }, key ?? Guid.NewGuid().ToString());

    /// <summary>A booking that must be made; its code.</summary>
    public static async Task<string> BookOk(this HttpClient http, string phone, string slotStart, string hall = Hall) =>
        (await Expect(await http.Book(phone, slotStart, hall: hall), HttpStatusCode.Created, $"booking {slotStart}")).GetProperty("code").GetString()!;

    public static Task<HttpResponseMessage> Ticket(this HttpClient http, string ticketId, string hall = Hall) =>
        http.GetAsync($"/api/halls/{hall}/tickets/{ticketId}");

    /// <summary>POST tickets/{id}/rating (好差评): grade 1–5, tags, comment; as the resident (no credentials) or a window's evaluator.</summary>
    public static Task<HttpResponseMessage> Rate(this HttpClient http, string ticketId, object body, string hall = Hall) =>
        http.Post($"/api/halls/{hall}/tickets/{ticketId}/rating", body);

    // ---------- windows 窗口 ----------

    /// <summary>POST windows/{no}/{action}, with a body and an Idempotency-Key only if given.</summary>
    public static Task<HttpResponseMessage> Act(this HttpClient http, int window, string action, object? body = null, string hall = Hall, string? key = null) =>
        http.Post($"/api/halls/{hall}/windows/{window}/{action}", body, key);

    /// <summary>A window action that must succeed; the answer ({ window, ticket }), or no value for call-next's 204 (nobody waiting).</summary>
    public static async Task<JsonElement> ActOk(this HttpClient http, int window, string action, object? body = null, string hall = Hall) =>
        await Expect(await http.Act(window, action, body, hall), null, $"{action} at window {window}");

    /// <summary>Opens window <paramref name="window"/> for clerk "c01", "c02", ….</summary>
    public static Task<JsonElement> OpenWindow(this HttpClient http, int window, string hall = Hall) =>
        http.ActOk(window, "open", new { clerkId = $"c{window:D2}" }, hall);

    /// <summary>The number of the ticket a window action answered with (call-next: the one called).</summary>
    public static string TicketNumber(this JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object
            ? t.GetProperty("number").GetString()!
            : throw new HallApiException($"The answer names no ticket (nobody called?): '{answer}'");

    // ---------- the hall 大厅 ----------

    /// <summary>GET halls: every hall this silo hosts, an array of summaries ({ id, waiting, … }).</summary>
    public static Task<JsonElement> HallsOk(this HttpClient http) => http.GetOk("/api/halls");

    /// <summary>GET halls/{hall} as text, for comparing whole states (before and after a restart).</summary>
    public static async Task<string> HallJson(this HttpClient http, string hall = Hall) =>
        await (await http.GetAsync($"/api/halls/{hall}")).Content.ReadAsStringAsync();

    public static Task<JsonElement> HallOk(this HttpClient http, string hall = Hall) => http.GetOk($"/api/halls/{hall}");

    /// <summary>How many wait in a category (categories[].waiting).</summary>
    public static async Task<int> Waiting(this HttpClient http, string category, string hall = Hall) =>
        (await http.HallOk(hall)).GetProperty("categories").EnumerateArray()
            .First(c => c.GetProperty("code").GetString() == category).GetProperty("waiting").GetInt32();

    /// <summary>One window as the hall shows it (windows[] where no is <paramref name="window"/>).</summary>
    public static async Task<JsonElement> WindowOk(this HttpClient http, int window, string hall = Hall) =>
        (await http.HallOk(hall)).GetProperty("windows").EnumerateArray().First(w => w.GetProperty("no").GetInt32() == window);

    /// <summary>The manager's alerts (告警), an array.</summary>
    public static Task<JsonElement> AlertsOk(this HttpClient http, string hall = Hall) => http.GetOk($"/api/halls/{hall}/manage/alerts");

    /// <summary>The alert with this key (e.g. "printer:k1"), or none.</summary>
    public static async Task<JsonElement?> Alert(this HttpClient http, string key, string hall = Hall)
    {
        foreach (var alert in (await http.AlertsOk(hall)).EnumerateArray())
            if (alert.GetProperty("key").GetString() == key) return alert;
        return null;
    }

    /// <summary>GET manage/audit (操作日志) with a query such as "?who=user:c1&amp;limit=10": an array, newest first.</summary>
    public static Task<JsonElement> AuditOk(this HttpClient http, string query = "", string hall = Hall) =>
        http.GetOk($"/api/halls/{hall}/manage/audit{query}");

    // ---------- print jobs 打印 ----------

    public static Task<JsonElement> Job(this HttpClient http, string jobId, string hall = Hall) =>
        http.GetOk($"/api/halls/{hall}/print-jobs/{jobId}");

    /// <summary>Polls the job as a kiosk does (at most 10 s) until it is printed, failed or has no printer.</summary>
    public static Task<JsonElement> FinishedJob(this HttpClient http, string jobId, string hall = Hall) =>
        Wait.For(async () =>
        {
            var job = await http.Job(jobId, hall);
            return job.GetProperty("status").GetString() is "printed" or "failed" or "no-printer" ? job : (JsonElement?)null;
        }, TimeSpan.FromSeconds(10), $"print job {jobId} to finish");

    public static string PrintJobId(this JsonElement ticket) => ticket.GetProperty("print").GetProperty("jobId").GetString()!;

    // ---------- any path ----------

    /// <summary>GET that must answer 200; the JSON body.</summary>
    public static async Task<JsonElement> GetOk(this HttpClient http, string path) =>
        await Expect(await http.GetAsync(path), HttpStatusCode.OK, "GET " + path);

    /// <summary>
    /// POST JSON (none when <paramref name="body"/> is null; sent as is when it is already HttpContent, e.g. bytes a
    /// load tool encoded once), with an Idempotency-Key if given.
    /// </summary>
    public static Task<HttpResponseMessage> Post(this HttpClient http, string path, object? body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = body as HttpContent ?? JsonContent.Create(body);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    /// <summary>POST JSON with an Idempotency-Key (a fresh one unless given) that must succeed; the body, if any.</summary>
    public static async Task<JsonElement> PostOk(this HttpClient http, string path, object body, string? key = null) =>
        await Expect(await http.Post(path, body, key ?? Guid.NewGuid().ToString()), null, "POST " + path);

    // ---------- answers ----------

    /// <summary>The JSON body; no value when there is none (204).</summary>
    public static async Task<JsonElement> Body(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text, Json);
    }

    /// <summary>Every refusal is problem+json with a stable code and a message in Chinese and English; returns it.</summary>
    public static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        void Check(bool holds, string what)
        {
            if (!holds) throw new HallApiException($"Expected problem+json {(int)status} {code}, but {what}: {(int)response.StatusCode} {text}");
        }
        Check(response.StatusCode == status, "the status differs");
        Check(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"the type is {response.Content.Headers.ContentType?.MediaType}");
        var problem = JsonSerializer.Deserialize<JsonElement>(text, Json);
        Check(problem.GetProperty("code").GetString() == code, "the code differs");
        Check(Regex(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("title").GetString()), "the title has no Chinese");
        Check(Regex("[A-Za-z]{3,}", problem.GetProperty("detail").GetString()), "the detail has no English");
        Check(problem.GetProperty("type").GetString() == $"urn:queue:{code}", "the type is not urn:queue:" + code);
        return problem;
    }

    private static bool Regex(string pattern, string? text) => text is not null && System.Text.RegularExpressions.Regex.IsMatch(text, pattern);

    /// <summary>The body of an answer that must be <paramref name="status"/> (any 2xx when null).</summary>
    private static async Task<JsonElement> Expect(HttpResponseMessage response, HttpStatusCode? status, string what)
    {
        using (response)
        {
            if (status is { } s ? response.StatusCode != s : !response.IsSuccessStatusCode)
                throw new HallApiException($"{what}: expected {(status is { } e ? ((int)e).ToString() : "success")}, got "
                    + $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await Body(response);
        }
    }
}

/// <summary>The silo answered other than a call insisted on; the message has the status and body.</summary>
public sealed class HallApiException(string message) : Exception(message);
