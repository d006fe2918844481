using System.Net;
using System.Net.Http.Json;
using System.Text;
using Queue.Tests.Support;

namespace Queue.Load;

/// <summary>
/// What the load reads from the silo's answers, on <see cref="HallApi"/>'s calls. Kept here, typed, because
/// HallApi's <c>…Ok</c> twins throw on a refusal and parse every body into a JsonDocument: fine for a test, but the
/// load counts every status (shed, 409, 503) and, thousands of times a second, reads only a ticket's id, number and
/// status, so it deserializes those straight into a record.
/// </summary>
public static class Answers
{
    public sealed record HallSummary(string Id, int Waiting);
    /// <summary>A ticket as an answer names it: staff answers (window actions) carry no secret id, only the number.</summary>
    public sealed record TicketReply(string? Id, string Number, string Status);
    /// <summary>HTTP status and, when there is one, the ticket the answer names.</summary>
    public readonly record struct Outcome(HttpStatusCode Status, TicketReply? Ticket);
    private sealed record WindowReply(TicketReply? Ticket);

    // Encoded once, not serialized per take-ticket.
    private static readonly byte[] GeneralTicket = Encoding.UTF8.GetBytes("{\"categoryCode\":\"general\",\"kioskId\":\"load\"}");

    public static async Task<HallSummary[]> HallSummaries(this HttpClient http) =>
        [.. (await http.HallsOk()).EnumerateArray().Select(h => new HallSummary(h.GetProperty("id").GetString()!, h.GetProperty("waiting").GetInt32()))];

    /// <summary>Window numbers of a hall that serve 综合受理 (general), in order.</summary>
    public static async Task<int[]> GeneralWindows(this HttpClient http, string hallId) =>
        [.. (await http.HallOk(hallId)).GetProperty("windows").EnumerateArray()
            .Where(w => w.GetProperty("categories").EnumerateArray().Any(c => c.GetString() == "general"))
            .Select(w => w.GetProperty("no").GetInt32())];

    /// <summary>A 综合受理 ticket from kiosk "load"; the ticket when 201.</summary>
    public static async Task<Outcome> TakeGeneral(this HttpClient http, string hallId)
    {
        using var r = await http.Take(new ByteArrayContent(GeneralTicket) { Headers = { ContentType = new("application/json") } }, hallId);
        return new(r.StatusCode, r.StatusCode == HttpStatusCode.Created ? await r.Content.ReadFromJsonAsync<TicketReply>(HallApi.Json) : null);
    }

    /// <summary>A clerk's action at a window; the answer's ticket when 200.</summary>
    public static async Task<Outcome> WindowAction(this HttpClient http, string hallId, int windowNo, string action, object? body = null)
    {
        using var r = await http.Act(windowNo, action, body, hallId);
        return new(r.StatusCode, r.StatusCode == HttpStatusCode.OK ? (await r.Content.ReadFromJsonAsync<WindowReply>(HallApi.Json))?.Ticket : null);
    }
}
