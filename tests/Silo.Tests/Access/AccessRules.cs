using static Queue.Silo.Tests.Access.Who;

namespace Queue.Silo.Tests.Access;

/// <summary>
/// Who may call what, written from issue #10's rules (not read from the silo's policies), for the hall "here" (xuanen):
/// every route and hub role, and the callers it lets through. Everyone else is refused: 401 sign-in-required when
/// nobody is speaking (no credentials, or a device token, which means something only in its own hall), 403 when
/// someone is but may not.
/// </summary>
public static class AccessRules
{
    private static readonly Who[] Everyone = Callers.All;
    /// <summary>What the hub lets in: anyone, except a device token that does not hold in the hall (revoked, or another hall's).</summary>
    private static readonly Who[] AnyoneButForeignTokens = [.. Callers.All.Where(w => w != KioskElsewhere)];
    private static readonly Who[] People = [Clerk, Manager, Admin, ClerkElsewhere, ManagerElsewhere];
    private static readonly Who[] HallManagers = [Manager, Admin];
    private static readonly Who[] HallStaff = [Clerk, Manager, Admin];
    /// <summary>预约: residents (no token; another hall's token is none here), people, and the hall's integrations; no kiosk or screen.</summary>
    private static readonly Who[] Booking = [Nobody, KioskElsewhere, Integration, .. People];

    /// <summary>"METHOD /route/{param}" (a trailing * matches the rest; method * any), first match wins.</summary>
    public static readonly (string Route, Who[] Allowed, string Why)[] Routes =
    [
        ("GET /api/halls", Everyone, "the hall list is public"),
        ("GET /api/halls/{hallId}", Everyone, "the public hall view"),
        ("GET /healthz", Everyone, "health, for the hall's monitoring"),
        ("GET /metrics", Everyone, "operators' counters for Prometheus: load the hall list already shows"),
        ("GET /openapi/{documentName}.json", Everyone, "the API's description"),
        ("POST /api/auth/sign-in", Everyone, "people sign in"),
        ("POST /api/auth/sign-out", Everyone, "and out"),
        ("GET /api/auth/me", People, "who am I: a signed-in person"),
        ("* /api/admin/users*", [Admin], "accounts: admins only"),
        ("POST /api/halls/{hallId}/tickets", [Kiosk, Manager, Admin], "taking a ticket needs a kiosk token (managers issue at the front desk)"),
        ("GET /api/halls/{hallId}/tickets/{ticketId}", Everyone, "a ticket's own page, by its secret id"),
        ("POST /api/halls/{hallId}/tickets/{ticketId}/cancel", Everyone, "its cancel, by secret id"),
        ("POST /api/halls/{hallId}/tickets/{ticketId}/rating", [Nobody, KioskElsewhere, Evaluator], "好差评 by the resident (secret id) or the window's evaluator; never by staff or another device of the hall"),
        ("GET /api/halls/{hallId}/rating-scheme", Everyone, "the grades and tags an evaluator or phone offers"),
        ("GET /api/halls/{hallId}/appointment-slots", Everyone, "预约 slots and their seats are public"),
        ("GET /api/halls/{hallId}/appointments/events", [Integration, Manager, Admin], "the outbox of booking events (for reminders): a paired integration and the hall's managers"),
        ("POST /api/halls/{hallId}/appointments", Booking, "a resident books with their phone (or an integration or staff for them); kiosks and screens book nothing"),
        ("GET /api/halls/{hallId}/appointments/{code}", Booking, "a booking, by its code and the phone's last four digits"),
        ("POST /api/halls/{hallId}/appointments/{code}/cancel", Booking, "its cancel, by code and the phone's last four digits"),
        ("POST /api/halls/{hallId}/tickets/{ticketId}/reinstate", Everyone, "its holder coming back, by secret id"),
        ("GET /api/halls/{hallId}/tickets/{ticketId}/preview", Everyone, "its print preview, by secret id"),
        ("POST /api/halls/{hallId}/tickets/{ticketId}/print", [Kiosk, Clerk, Manager, Admin], "补打: the kiosk or staff"),
        ("POST /api/halls/{hallId}/help", [Kiosk], "呼叫帮办: a kiosk"),
        ("POST /api/halls/{hallId}/tickets/remote", Everyone, "线上取号: a resident's phone, limited by the hall's rule (open, a long enough wait)"),
        ("POST /api/halls/{hallId}/tickets/{ticketId}/arrive", Everyone, "签到 at the door: by secret id and the door's code"),
        ("GET /api/halls/{hallId}/arrival-code", [Kiosk], "the door's code: only a kiosk of the hall shows it"),
        ("POST /api/halls/{hallId}/windows/{windowNo}/complete-and-call-next", HallStaff, "办结并叫下一位: a window action like any other"),
        ("POST /api/halls/{hallId}/windows/{windowNo}/reinstate", HallStaff, "过号恢复 by number at the clerk's console: staff of the hall, a clerk at their own window"),
        ("POST /api/halls/{hallId}/manage/windows/{windowNo}/force-close", HallManagers, "closing a window whatever it holds: the hall's managers"),
        ("POST /api/halls/{hallId}/windows/*", HallStaff, "window actions: the hall's clerks (at their own window) and managers"),
        ("GET /api/halls/{hallId}/manage/rating-cases", HallManagers, "差评 cases and their deadlines: the hall's managers"),
        ("POST /api/halls/{hallId}/manage/rating-cases/{id}/contact", HallManagers, "差评 联系核实: a manager, named as who did it"),
        ("POST /api/halls/{hallId}/manage/rating-cases/{id}/rectify", HallManagers, "差评 整改: a manager"),
        ("POST /api/halls/{hallId}/manage/rating-cases/{id}/close", HallManagers, "差评 办结: a manager"),
        ("GET /api/halls/{hallId}/ratings/export", [Integration, Manager, Admin], "the 好差评 export: a paired integration (the provincial platform) and the hall's managers"),
        ("* /api/halls/{hallId}/manage/*", HallManagers, "windows, priorities, notices, alerts, devices, audit: the hall's managers"),
        ("POST /api/halls/{hallId}/displays/heartbeat", [DisplayAgent], "screen health: the LED display agent"),
        ("GET /api/halls/{hallId}/stats", HallManagers, "the hall's figures (统计), per category, matter, window and clerk: its managers"),
        ("GET /api/halls/{hallId}/reports/*", HallManagers, "the hall's daily and monthly reports (HTML, PDF): its managers"),
        ("GET /api/reports/monthly", [Manager, ManagerElsewhere, Admin], "a roll-up over several halls: admins, or a manager of every hall it names (the report checks each)"),
        ("GET /api/halls/{hallId}/print-jobs/{jobId}", [Kiosk, PrintAgent, Clerk, Manager, Admin], "a print job: its kiosk, its agent, staff"),
        ("POST /api/halls/{hallId}/print-jobs/{jobId}/result", [PrintAgent], "a print's outcome: the kiosk's print agent"),
        ("POST /api/halls/{hallId}/printers/{kioskId}/status", [PrintAgent], "a printer's health: the kiosk's print agent"),
        ("GET /api/halls/{hallId}/devices/me", [Kiosk, DisplayAgent, PrintAgent, Evaluator, Integration], "which device am I: a device of the hall"),
        ("* /hubs/hall*", AnyoneButForeignTokens, "joining the hub; each role is checked on joining (HubRoles)"),
        // The pages are public; what they may do rests on their sign-in or device token.
        ("GET /kiosk/*", Everyone, "page"), ("GET /clerk/*", Everyone, "page"), ("GET /manager/*", Everyone, "page"),
        ("GET /ticket/*", Everyone, "page"), ("GET /tv/*", Everyone, "page"), ("GET /window/*", Everyone, "page"),
        ("GET /pair/*", Everyone, "page"), ("GET /evaluator/*", Everyone, "page"), ("GET /book/*", Everyone, "page"), ("GET /displays/*", Everyone, "the display pages' files"),
        ("GET /lib/*", Everyone, "the pages' browser libraries"),
        ("GET /voice*", Everyone, "the voice clips the TV joins into calls"),
        ("GET /take/*", Everyone, "page: 线上取号"), ("GET /arrive/*", Everyone, "page: 线上取号's door check-in"),
    ];

    /// <summary>Hub roles on /hubs/hall?hall=xuanen&amp;role=…, and who joins as each.</summary>
    public static readonly (string Query, Who[] Allowed, string Why)[] HubRoles =
    [
        ("role=display", AnyoneButForeignTokens, "what the TV shows"),
        ("role=window&window=1", AnyoneButForeignTokens, "what the window screen shows (reminders only to staff)"),
        ("role=manager", HallManagers, "alerts: the hall's managers"),
        ($"role=printer&kiosk={Callers.KioskId}", [PrintAgent], "a kiosk's print jobs: its print agent"),
        ($"role=evaluator&window={Callers.EvaluatorWindow}", [Evaluator], "a window's rating prompts: the evaluator facing it"),
    ];

    /// <summary>Null when <paramref name="who"/> may call <paramref name="route"/> ("POST /api/halls/{hallId}/help"), else the
    /// status it is refused with. <paramref name="windowOwner"/> is who has window 1 open: a clerk acts only there.</summary>
    public static int? Refusal(string route, Who who, string? windowOwner)
    {
        var rule = Routes.FirstOrDefault(r => Matches(r.Route, route));
        if (rule.Route is null) throw new InvalidOperationException($"No rule for {route}: add one to AccessRules.Routes from the issue's rules.");
        if (!rule.Allowed.Contains(who)) return NobodyAt(route, who) ? 401 : 403;
        var windowAction = route.StartsWith("POST /api/halls/{hallId}/windows/{windowNo}/", StringComparison.Ordinal) && !route.EndsWith("{action}", StringComparison.Ordinal);
        // Opening a window someone else holds is a conflict (window-taken), not a matter of rights.
        if (windowAction && who == Clerk && windowOwner is { } owner && owner != Callers.UserName(Clerk) && !route.EndsWith("/open", StringComparison.Ordinal))
            return 403;
        return null;
    }

    public static bool Allowed(string query, Who who) => HubRoles.Single(r => r.Query == query).Allowed.Contains(who);

    /// <summary>Nobody speaks: no credentials, another hall's token, or any token where no hall is named (a token means
    /// something only in its own hall).</summary>
    private static bool NobodyAt(string route, Who who) =>
        who is Nobody or KioskElsewhere || (Callers.IsDevice(who) && !route.Contains("{hallId}", StringComparison.Ordinal) && !route.Contains(" /hubs/", StringComparison.Ordinal));

    private static bool Matches(string rule, string route)
    {
        var (ruleMethod, rulePath) = Split(rule);
        var (method, path) = Split(route);
        if (ruleMethod != "*" && ruleMethod != method) return false;
        return rulePath.EndsWith('*') ? path.StartsWith(rulePath[..^1], StringComparison.Ordinal) : path == rulePath;
    }

    private static (string Method, string Path) Split(string route) => (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
}
