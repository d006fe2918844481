using Queue.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;

namespace Queue.Silo.Tests;

public class CrossSiteTests
{
    [Theory]
    [InlineData("/kiosk/xuanen")]
    [InlineData("/api/halls/xuanen")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_carries_the_security_headers_and_no_server_banner(string path)
    {
        await using var silo = new SiloApplication(kestrel: true);
        var response = await silo.Client().GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(",", response.Headers.Server)}");
    }

    [Fact]
    public async Task A_cancel_or_call_from_another_origin_is_refused_with_403_and_changes_nothing()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var ticket = await http.TakeOk(new { categoryCode = "general" });
        await http.OpenWindow(1);

        var cancel = await http.SendAsync(FromOrigin("http://evil.example", $"/api/halls/xuanen/tickets/{ticket.GetProperty("id")}/cancel"));
        await HallApi.AssertProblem(cancel, HttpStatusCode.Forbidden, "cross-origin-refused");
        var call = await http.SendAsync(FromOrigin("null", "/api/halls/xuanen/windows/1/call-next"));
        await HallApi.AssertProblem(call, HttpStatusCode.Forbidden, "cross-origin-refused");

        var after = await HallApi.Body(await http.GetAsync($"/api/halls/xuanen/tickets/{ticket.GetProperty("id")}"));
        Assert.Equal("waiting", after.GetProperty("status").GetString());
        Assert.Equal(1, await Waiting(http));
    }

    [Fact]
    public async Task The_silos_own_pages_devices_without_origin_and_allowed_origins_may_change_state()
    {
        await using var silo = new SiloApplication(settings: new Dictionary<string, string> { ["Security:AllowedOrigins:0"] = "http://queue.hall.local" });
        var http = silo.Client();
        await http.OpenWindow(1);
        foreach (var origin in new[] { $"{http.BaseAddress!.Scheme}://{http.BaseAddress.Authority}", "http://queue.hall.local" })
        {
            var request = FromOrigin(origin, "/api/halls/xuanen/tickets", new { categoryCode = "general" });
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(request)).StatusCode);
        }
        await http.TakeOk(new { categoryCode = "general" }); // no Origin: a kiosk's agent, curl
        Assert.Equal(3, await Waiting(http));
    }

    [Fact]
    public async Task A_page_of_another_origin_cannot_open_the_hub_and_the_silos_own_page_can()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var hub = new UriBuilder(new Uri(silo.BaseAddress, "/hubs/hall?hall=xuanen&role=display")) { Scheme = "ws" }.Uri;
        async Task<ClientWebSocket> Open(string origin)
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Origin", origin);
            await socket.ConnectAsync(hub, CancellationToken.None);
            return socket;
        }

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => Open("http://evil.example"));
        Assert.Contains("403", refused.Message);
        using var own = await Open($"http://{silo.BaseAddress.Authority}");
        Assert.Equal(WebSocketState.Open, own.State);
    }

    static HttpRequestMessage FromOrigin(string origin, string path, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Add("Origin", origin);
        return request;
    }

    static async Task<int> Waiting(HttpClient http) =>
        (await HallApi.Body(await http.GetAsync("/api/halls/xuanen"))).GetProperty("waitingTotal").GetInt32();
}
