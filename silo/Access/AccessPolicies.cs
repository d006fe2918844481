using Microsoft.AspNetCore.Authorization;

namespace Queue.Silo.Access;

/// <summary>
/// Who may call what. Every endpoint names one of these or allows anonymous callers (the route-table test fails an
/// endpoint that does neither). A hall's policies hold only in that hall: its route's {hallId}, or the hub's ?hall=.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Accounts: admins only.</summary>
    public const string Admin = "admin";
    /// <summary>Windows, categories, notices, alerts, devices, audit: the hall's managers.</summary>
    public const string HallManager = "hall-manager";
    /// <summary>Roll-up reports over several halls: admins and managers (the report checks each hall it names).</summary>
    public const string Managers = "managers";
    /// <summary>Window actions: the hall's clerks (at their own window, checked by the hall) and managers.</summary>
    public const string WindowStaff = "window-staff";
    /// <summary>取号: the hall's kiosks, and managers issuing at the front desk.</summary>
    public const string TicketTaking = "ticket-taking";
    /// <summary>呼叫帮办: the hall's kiosks.</summary>
    public const string Kiosk = "kiosk";
    /// <summary>A print job's state: the kiosk that polls it, its agent, staff.</summary>
    public const string PrintJobs = "print-jobs";
    /// <summary>补打: a kiosk or staff.</summary>
    public const string Reprint = "reprint";
    /// <summary>Print results and printer health: the kiosk's print agent.</summary>
    public const string PrintAgent = "print-agent";
    /// <summary>Screen health: the display agent and paired screens.</summary>
    public const string Screens = "screens";
    /// <summary>The 好差评 export: the hall's managers, and a paired integration (the provincial platform's client).</summary>
    public const string RatingExport = "rating-export";
    /// <summary>The outbox of booking events (for reminders): the hall's managers, and a paired integration.</summary>
    public const string BookingEvents = "booking-events";
    /// <summary>Any device paired in the hall, for "which device am I".</summary>
    public const string Device = "device";
    /// <summary>Anyone signed in, for "who am I".</summary>
    public const string SignedIn = "signed-in";
    /// <summary>The hub: anyone (each role is checked on joining), except a device whose token is unknown or revoked. It is
    /// refused (401) instead of joining as nobody, so a revoked device reconnecting learns that it must be paired again.</summary>
    public const string Hub = "hub";

    private static readonly Dictionary<string, HallAccess> Halls = new()
    {
        [HallManager] = new([Roles.Manager], []),
        [WindowStaff] = new([Roles.Manager, Roles.Clerk], []),
        [TicketTaking] = new([Roles.Manager], [DeviceKinds.Kiosk]),
        [Kiosk] = new([], [DeviceKinds.Kiosk]),
        [PrintJobs] = new([Roles.Manager, Roles.Clerk], [DeviceKinds.Kiosk, DeviceKinds.PrintAgent]),
        [Reprint] = new([Roles.Manager, Roles.Clerk], [DeviceKinds.Kiosk]),
        [PrintAgent] = new([], [DeviceKinds.PrintAgent]),
        [Screens] = new([], [DeviceKinds.DisplayAgent, DeviceKinds.Tv, DeviceKinds.WindowScreen]),
        [Device] = new([], DeviceKinds.All),
        [RatingExport] = new([Roles.Manager], [DeviceKinds.Integration]),
        [BookingEvents] = new([Roles.Manager], [DeviceKinds.Integration]),
    };

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Managers, p => p.RequireRole(Roles.Admin, Roles.Manager));
        o.AddPolicy(Hub, p => p.RequireAssertion(c =>
            c.Resource is not HttpContext http || !DeviceTokens.Carried(http.Request) || c.User.Identity?.IsAuthenticated == true));
        foreach (var (name, access) in Halls) o.AddPolicy(name, p => p.AddRequirements(access));
    }
}

/// <summary>In the request's hall: a person with one of the roles (an admin anywhere), or a device of one of the kinds.</summary>
public sealed record HallAccess(string[] Roles, string[] DeviceKinds) : IAuthorizationRequirement;

public sealed class HallAccessHandler : AuthorizationHandler<HallAccess>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HallAccess need)
    {
        var http = context.Resource as HttpContext;
        var hallId = http?.GetRouteValue("hallId") as string ?? http?.Request.Query["hall"].ToString() ?? "";
        if (Actor.Of(context.User) is { } actor && (actor.IsStaff(hallId, need.Roles) || actor.IsDevice(hallId, need.DeviceKinds)))
            context.Succeed(need);
        return Task.CompletedTask;
    }
}
