using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>Each kind of caller the access rules name. "Here" is the hall under test (xuanen), "elsewhere" another (enshi).</summary>
public enum Who
{
    Nobody, Kiosk, DisplayAgent, PrintAgent, Evaluator, Clerk, Manager, Admin,
    ClerkElsewhere, ManagerElsewhere, KioskElsewhere,
    /// <summary>A paired integration: the provincial 好差评 platform pulling the export.</summary>
    Integration,
}

/// <summary>
/// One silo with every kind of caller, each made as a real one is: the admin signs in and creates the staff accounts,
/// they sign in with their passwords, and a manager of each hall pairs its devices. A caller's credentials are a fixed
/// Cookie or Authorization header, so nothing the silo answers (a sign-out, a fuzzed sign-in) turns one caller into another.
/// </summary>
public sealed class Callers
{
    public const string Here = HallApi.Hall, Elsewhere = "enshi";
    /// <summary>The kiosk's name, its kioskId; the print agent prints for it.</summary>
    public const string KioskId = "k1";
    /// <summary>The window the evaluator faces (its name).</summary>
    public const int EvaluatorWindow = 1;
    public static readonly Who[] All = Enum.GetValues<Who>();

    private readonly Dictionary<Who, (string? Cookie, string? Token)> _credentials = [];
    private readonly Func<HttpMessageHandler> _transport;
    private readonly Uri _baseAddress;

    private Callers(Func<HttpMessageHandler> transport, Uri baseAddress)
    {
        _transport = transport;
        _baseAddress = baseAddress;
    }

    /// <summary>The staff accounts' user names (工号).</summary>
    public static string UserName(Who who) => who switch
    {
        Who.Admin => Staff.Admin, Who.Clerk => "c-here", Who.Manager => "m-here",
        Who.ClerkElsewhere => "c-elsewhere", Who.ManagerElsewhere => "m-elsewhere",
        _ => throw new ArgumentException($"{who} is not a person", nameof(who)),
    };

    public static bool IsPerson(Who who) => who is Who.Admin or Who.Clerk or Who.Manager or Who.ClerkElsewhere or Who.ManagerElsewhere;
    public static bool IsDevice(Who who) => who is Who.Kiosk or Who.DisplayAgent or Who.PrintAgent or Who.Evaluator or Who.KioskElsewhere or Who.Integration;

    public static async Task<Callers> Make(SiloApplication silo)
    {
        var callers = new Callers(silo.Transport, silo.BaseAddress);
        var admin = silo.Client();
        await admin.CreateUserOk(UserName(Who.Clerk), "clerk", Here);
        await admin.CreateUserOk(UserName(Who.Manager), "manager", Here);
        await admin.CreateUserOk(UserName(Who.ClerkElsewhere), "clerk", Elsewhere);
        await admin.CreateUserOk(UserName(Who.ManagerElsewhere), "manager", Elsewhere);
        foreach (var who in All.Where(IsPerson))
            callers._credentials[who] = (await callers.SignIn(UserName(who), who == Who.Admin ? Staff.AdminPassword : Staff.Password), null);

        var manager = callers[Who.Manager];
        callers._credentials[Who.Kiosk] = (null, (await manager.PairOk("kiosk", KioskId)).Token);
        callers._credentials[Who.DisplayAgent] = (null, (await manager.PairOk("display-agent", "led-1")).Token);
        callers._credentials[Who.PrintAgent] = (null, (await manager.PairOk("print-agent", KioskId)).Token);
        callers._credentials[Who.Evaluator] = (null, (await manager.PairOk("evaluator", $"{EvaluatorWindow}")).Token);
        callers._credentials[Who.Integration] = (null, (await manager.PairOk("integration", "省好差评平台")).Token);
        callers._credentials[Who.KioskElsewhere] = (null, (await callers[Who.ManagerElsewhere].PairOk("kiosk", KioskId, Elsewhere)).Token);
        callers._credentials[Who.Nobody] = (null, null);
        return callers;
    }

    /// <summary>A new client speaking as <paramref name="who"/> (its base address the silo's).</summary>
    public HttpClient this[Who who] => new(new Credentials(_credentials[who]) { InnerHandler = _transport() }) { BaseAddress = _baseAddress };

    /// <summary>The caller's session cookie as a browser keeps it, for a hub connection; null for devices and nobody.</summary>
    public CookieContainer? Cookies(Who who)
    {
        if (_credentials[who].Cookie is not { } cookie) return null;
        var jar = new CookieContainer();
        jar.SetCookies(_baseAddress, cookie);
        return jar;
    }

    /// <summary>The caller's device token; null for people and nobody.</summary>
    public string? Token(Who who) => _credentials[who].Token;

    /// <summary>Signs in through the API as a browser does and keeps the session cookie ("queue_staff=…").</summary>
    private async Task<string> SignIn(string userName, string password)
    {
        using var browser = new HttpClient(_transport()) { BaseAddress = _baseAddress };
        using var answer = await browser.PostAsJsonAsync("/api/auth/sign-in", new { userName, password });
        if (answer.StatusCode != HttpStatusCode.OK || !answer.Headers.TryGetValues("Set-Cookie", out var set))
            throw new HallApiException($"Signing in as {userName} answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        return set.Select(c => c.Split(';')[0]).Single(c => c.StartsWith("queue_staff=", StringComparison.Ordinal));
    }

    /// <summary>Adds the caller's cookie or token to every request, unless the request brings its own Authorization.</summary>
    private sealed class Credentials((string? Cookie, string? Token) who) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (who.Cookie is { } cookie) request.Headers.Add("Cookie", cookie);
            if (who.Token is { } token && request.Headers.Authorization is null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, ct);
        }
    }
}
