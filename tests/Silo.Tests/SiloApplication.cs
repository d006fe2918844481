using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>
/// The real silo on a temporary SQLite file with the seed halls, a hand-moved clock, and (for hub tests)
/// real Kestrel on a loopback port. Each test makes its own; a second one on the same file is a restart.
/// </summary>
public sealed class SiloApplication(string? databasePath = null, bool kestrel = false) : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = databasePath ?? Path.Combine(Path.GetTempPath(), $"queue-test-{Guid.NewGuid():N}", "queue.db");
    /// <summary>Monday 2026-11-23 10:00 in Shanghai: every seed hall is open.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>The halls' clock, moved by hand.</summary>
    public FakeTimeProvider Clock { get; } = new(MondayMorning);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Path", DatabasePath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        if (kestrel) UseKestrel(0);
    }

    /// <summary>
    /// Lets hall time run on in steps until <paramref name="until"/> completes: queue counts to screens are paced
    /// on the halls' clock, so a test that waits for the newest count must let that clock move.
    /// </summary>
    public async Task<T> WhileTimePasses<T>(Task<T> until)
    {
        await WhileTimePasses((Task)until);
        return await until;
    }

    public async Task WhileTimePasses(Task until)
    {
        while (!until.IsCompleted)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(until, Task.Delay(10));
        }
        await until;
    }

    /// <summary>The server's base address once started (http://127.0.0.1:port/ with Kestrel).</summary>
    public Uri BaseAddress
    {
        get
        {
            if (kestrel) StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public HttpClient Client()
    {
        if (kestrel) StartServer();
        return CreateClient();
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> Body(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Json);

    /// <summary>Every refusal is problem+json with a stable code and a message in Chinese and English.</summary>
    public static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Body(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", problem.GetProperty("title").GetString());
        Assert.Matches("[A-Za-z]{3,}", problem.GetProperty("detail").GetString());
        Assert.Equal($"urn:queue:{code}", problem.GetProperty("type").GetString());
        return problem;
    }
}

/// <summary>Small calls the tests make again and again.</summary>
public static class SiloCalls
{
    public static async Task<HttpResponseMessage> Take(this HttpClient http, object body, string hall = "xuanen", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/halls/{hall}/tickets") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> TakeOk(this HttpClient http, object body, string hall = "xuanen")
    {
        var response = await http.Take(body, hall);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await SiloApplication.Body(response);
    }

    public static Task<HttpResponseMessage> Act(this HttpClient http, int window, string action, object? body = null, string hall = "xuanen", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/halls/{hall}/windows/{window}/{action}");
        if (body is not null) request.Content = JsonContent.Create(body);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    public static async Task<JsonElement> ActOk(this HttpClient http, int window, string action, object? body = null, string hall = "xuanen")
    {
        var response = await http.Act(window, action, body, hall);
        Assert.True(response.IsSuccessStatusCode, $"{action} at window {window}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await SiloApplication.Body(response);
    }

    public static Task<JsonElement> OpenWindow(this HttpClient http, int window, string hall = "xuanen") =>
        http.ActOk(window, "open", new { clerkId = $"c{window:D2}" }, hall);

    public static async Task<string> HallJson(this HttpClient http, string hall = "xuanen") =>
        await (await http.GetAsync($"/api/halls/{hall}")).Content.ReadAsStringAsync();
}
