using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>
/// The hall as the route matrix and the fuzz find it, so each route can be called with real ids: a ticket taken at the
/// kiosk (its print job waits for the agent), window 1 opened by the hall's clerk, a help call raised, and a device and
/// an account that exist only to be revoked or disabled.
/// </summary>
public sealed record Scene(string TicketId, string TicketNumber, string JobId, string SpareDeviceId, DateTimeOffset Now)
{
    public const string SpareUser = "spare-clerk";

    public static async Task<Scene> Make(SiloApplication silo, Callers callers)
    {
        var ticket = await callers[Who.Kiosk].TakeOk(new { categoryCode = "general" });
        await callers[Who.Clerk].ActOk(1, "open");
        (await callers[Who.Kiosk].PostAsync($"/api/halls/{Callers.Here}/help", null)).EnsureSuccessStatusCode();
        var (spare, _, _) = await callers[Who.Manager].PairOk("tv", "spare-tv");
        await callers[Who.Admin].CreateUserOk(SpareUser, "clerk", Callers.Here);
        return new(ticket.GetProperty("id").GetString()!, ticket.GetProperty("number").GetString()!, ticket.PrintJobId(), spare, silo.Clock.GetUtcNow());
    }

    /// <summary>A real value for each route parameter.</summary>
    public string Value(string parameter) => parameter switch
    {
        "hallId" => Callers.Here,
        "ticketId" => TicketId,
        "ticket" => TicketNumber,
        "jobId" => JobId,
        "kioskId" => Callers.KioskId,
        "windowNo" => "1",
        "action" => "dance",
        "key" => $"help:{Callers.KioskId}",
        "id" => SpareDeviceId,
        "userName" => SpareUser,
        "code" => "NOCODE00",   // an appointment code: the route is judged by who may ask, a 404 is an answer
        "documentName" => "v1",
        "path" => "tv/index.html",
        "clip" => "qing",
        _ => throw new InvalidOperationException($"No real value for route parameter {{{parameter}}}: add one to Scene.Value."),
    };

    /// <summary>A well-formed body for the route (<paramref name="n"/> makes names unique); null where none is sent.</summary>
    public object? Body(Route route, int n) => route.Key switch
    {
        "POST /api/auth/sign-in" => new { userName = "", password = "" },   // reaches the endpoint, signs nobody in
        "POST /api/admin/users" => new { userName = $"made-{n}", password = Staff.Password, role = "clerk", halls = new[] { Callers.Here } },
        "POST /api/admin/users/{userName}/password" => new { password = Staff.Password },
        "POST /api/halls/{hallId}/tickets" => new { categoryCode = "general" },
        "POST /api/halls/{hallId}/manage/devices" => new { kind = "tv", name = $"tv-{n}" },
        "PUT /api/halls/{hallId}/manage/windows/{windowNo}/categories" => new { categories = new[] { "general" }, prefers = Array.Empty<string>() },
        "POST /api/halls/{hallId}/manage/tickets/{ticket}/priority" => new { priority = "green", reason = "孕妇" },
        "POST /api/halls/{hallId}/manage/notice" => new { text = "今日中午不打烊" },
        "POST /api/halls/{hallId}/manage/appointments" => new { categoryCode = "general", slotStart = Now.AddHours(1), slotEnd = Now.AddHours(2) },
        "POST /api/halls/{hallId}/displays/heartbeat" => new { agentId = "led-1", screens = Array.Empty<object>() },
        "POST /api/halls/{hallId}/print-jobs/{jobId}/result" => new { printed = true, condition = "online" },
        "POST /api/halls/{hallId}/printers/{kioskId}/status" => new { condition = "online" },
        _ when route.Key.StartsWith("POST /hubs/", StringComparison.Ordinal) => null,
        _ => route.Method is "POST" or "PUT" or "PATCH" ? new { } : null,
    };
}
