using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Queue.Load;

/// <summary>The few silo endpoints the load plays (docs/api.md), answering only what the tool checks.</summary>
public sealed class SiloClient(HttpClient http)
{
    public sealed record HallSummary(string Id, int WindowCount, int OpenWindows, int Waiting);
    public sealed record TicketReply(string Id, string Number, string Status);
    public sealed record WindowReply(TicketReply? Ticket);
    /// <summary>HTTP status and, when there is one, the ticket the answer names.</summary>
    public readonly record struct Outcome(HttpStatusCode Status, TicketReply? Ticket);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly byte[] GeneralTicket = Encoding.UTF8.GetBytes("{\"categoryCode\":\"general\",\"kioskId\":\"load\"}");

    public HttpClient Http => http;

    public async Task<HallSummary[]> HallsAsync() =>
        await http.GetFromJsonAsync<HallSummary[]>("/api/halls", Json) ?? [];

    /// <summary>Window numbers of a hall that serve 综合受理 (general), in order.</summary>
    public async Task<int[]> GeneralWindowsAsync(string hallId)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/halls/{hallId}"));
        return [.. doc.RootElement.GetProperty("windows").EnumerateArray()
            .Where(w => w.GetProperty("categories").EnumerateArray().Any(c => c.GetString() == "general"))
            .Select(w => w.GetProperty("no").GetInt32())];
    }

    public async Task<Outcome> IssueAsync(string hallId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/halls/{hallId}/tickets")
        {
            Content = new ByteArrayContent(GeneralTicket) { Headers = { ContentType = new("application/json") } },
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var r = await http.SendAsync(request);
        return new(r.StatusCode, r.StatusCode == HttpStatusCode.Created ? await r.Content.ReadFromJsonAsync<TicketReply>(Json) : null);
    }

    /// <summary>A clerk's action at a window; the answer's ticket when 200.</summary>
    public async Task<Outcome> WindowAsync(string hallId, int windowNo, string action, object? body = null)
    {
        using var content = JsonContent.Create(body ?? new { }, options: Json);
        using var r = await http.PostAsync($"/api/halls/{hallId}/windows/{windowNo}/{action}", content);
        return new(r.StatusCode, r.StatusCode == HttpStatusCode.OK ? (await r.Content.ReadFromJsonAsync<WindowReply>(Json))?.Ticket : null);
    }

    public async Task<HttpStatusCode> TicketStatusAsync(string hallId, string ticketId)
    {
        using var r = await http.GetAsync($"/api/halls/{hallId}/tickets/{ticketId}");
        return r.StatusCode;
    }
}
