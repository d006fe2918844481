using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>
/// The real silo on a temporary SQLite file with the seed halls, a hand-moved clock, and (for hub tests)
/// real Kestrel on a loopback port. Each test makes its own; a second one on the same file is a restart.
/// <paramref name="settings"/> are configuration keys set as a hall's appsettings would set them; <paramref name="services"/>
/// changes what a hall's machine cannot (its network, say).
/// </summary>
public sealed class SiloApplication(string? databasePath = null, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
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
        builder.UseSetting("Cluster:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Cluster:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Auth:InitialAdminPassword", Staff.AdminPassword);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        if (services is not null) builder.ConfigureServices(services);
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

    /// <summary>A client signed in as the admin, or as <paramref name="userName"/> (password <see cref="Staff.Password"/>).
    /// Its session cookie goes into <paramref name="cookies"/> when given, for a hub connection of the same person.</summary>
    public HttpClient Client(string userName = Staff.Admin, CookieContainer? cookies = null) =>
        Over(inner => Staff.SignedIn(userName, userName == Staff.Admin ? Staff.AdminPassword : Staff.Password, inner), cookies);

    /// <summary>A client speaking as a paired device.</summary>
    public HttpClient DeviceClient(string token) => Over(inner => Staff.AsDevice(token, inner));

    /// <summary>A client that is nobody: a resident's phone, or someone probing the hall network.</summary>
    public HttpClient AnonymousClient() => Over(inner => inner);

    /// <summary>The bare transport to this silo, keeping no cookies: for callers that send their own headers.</summary>
    public HttpMessageHandler Transport()
    {
        if (!kestrel) return Server.CreateHandler();
        StartServer();
        return new HttpClientHandler { UseCookies = false };
    }

    /// <summary>In process or over Kestrel, with cookies kept as a browser keeps them.</summary>
    private HttpClient Over(Func<HttpMessageHandler, HttpMessageHandler> who, CookieContainer? cookies = null)
    {
        if (kestrel)
        {
            StartServer();
            return new HttpClient(who(new HttpClientHandler { CookieContainer = cookies ?? new() })) { BaseAddress = ClientOptions.BaseAddress };
        }
        return new HttpClient(who(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies ?? new()) { InnerHandler = Server.CreateHandler() }))
        {
            BaseAddress = ClientOptions.BaseAddress,
        };
    }
}
