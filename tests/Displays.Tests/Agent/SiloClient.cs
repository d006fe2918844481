using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Queue.Displays.Tests.Agent;

/// <summary>The clerk console and kiosk calls the tests make, through the silo's REST API (docs/api.md).</summary>
public sealed class SiloClient(string baseUrl) : IDisposable
{
    readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };

    public async Task<string> TakeTicketAsync(string hall = "xuanen")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/halls/{hall}/tickets")
        {
            Content = JsonContent.Create(new { categoryCode = "general" }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var ticket = await Read(await _http.SendAsync(request));
        return ticket.GetProperty("number").GetString()!;
    }

    /// <summary>POST windows/{no}/{action}; returns the called ticket's number for call-next.</summary>
    public async Task<string?> WindowAsync(int windowNo, string action, object? body = null, string hall = "xuanen")
    {
        var response = await _http.PostAsJsonAsync($"/api/halls/{hall}/windows/{windowNo}/{action}", body ?? new { });
        if (response.StatusCode == HttpStatusCode.NoContent) return null;
        var answer = await Read(response);
        return answer.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object ? t.GetProperty("number").GetString() : null;
    }

    public async Task<JsonElement> AlertsAsync(string hall = "xuanen") =>
        await Read(await _http.GetAsync($"/api/halls/{hall}/manage/alerts"));

    static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
