using System.Globalization;
using Queue.Contracts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Queue.Silo.Access;
using Queue.Silo.Halls;
using Queue.Silo.Printing;

namespace Queue.Silo.Hubs;

/// <summary>
/// /hubs/hall?hall={id}&amp;role=…  Clients only listen; joining is by URL so a browser, an LED agent and a TV box join
/// the same way. Who may join as what:
/// <list type="bullet">
/// <item>display, window[&amp;window=n]: anyone (what the TV shows). A window's reminders (重呼, 过号) go only to the
/// hall's staff joining as window.</item>
/// <item>manager: the hall's managers (and admins): alerts.</item>
/// <item>ticket&amp;ticket={secret id}: whoever holds the ticket's secret id.</item>
/// <item>printer&amp;kiosk={kioskId}: that kiosk's print agent (device token, access_token=…).</item>
/// <item>evaluator&amp;window=n: the evaluator (好差评 pad) facing window n (device token): the hall's state, then a
/// RatingRequested each time a service there finishes.</item>
/// </list>
/// A paired device's connection is cut at once when it is revoked, and a person's when their account is disabled,
/// locked or given a new password.
/// </summary>
public sealed class HallHub(HallCatalog catalog, IGrainFactory grains, PrintDesk printing, HallAudience audience,
    IAuthorizationService authorization, CredentialConnections credentials) : Hub<IHallClient>
{
    public static readonly string[] Roles = ["display", "window", "manager", "ticket", "printer", "evaluator"];

    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var hallId = query?["hall"].ToString() ?? "";
        var role = query?["role"].ToString() is { Length: > 0 } r ? r : "display";
        if (catalog.Find(hallId) is null) throw new HubException($"没有大厅 {hallId} / Hall '{hallId}' does not exist.");
        if (!Roles.Contains(role))
            throw new HubException($"未知角色 {role} / Unknown role '{role}' ({string.Join(", ", Roles)}).");
        var actor = Context.User is { } user ? Actor.Of(user) : null;
        if (Context.User is { } signedIn) await credentials.Joined(signedIn, Context);

        if (role == "ticket")
        {
            // Join before reading, as below, so a change committed in between is not missed.
            var ticketId = query?["ticket"].ToString() ?? "";
            Listen(hallId, ticketId);
            await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Ticket(ticketId));
            await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Phones(hallId));
            var ticket = (await Hall(hallId).Ticket(ticketId))?.View
                ?? throw new HubException($"找不到号票 / Ticket '{ticketId}' was not found.");
            await Clients.Caller.TicketChanged(ticket);
            return;
        }
        if (role == "printer")
        {
            // A kiosk's print agent hears only its own kiosk's print jobs; the desk sends it the jobs that waited for it.
            var kiosk = query?["kiosk"].ToString() ?? "";
            if (actor?.Device is not { Kind: DeviceKinds.PrintAgent } agent || agent.HallId != hallId)
                throw new HubException("打印代理需用已配对的设备令牌连接 / A printer joins with a paired print agent's token (access_token).");
            if (kiosk != agent.Name)
                throw new HubException($"该打印代理属于取号机 {agent.Name} / This print agent prints for kiosk '{agent.Name}', not '{kiosk}'.");
            await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Printer(hallId, kiosk));
            printing.AgentJoined(hallId, kiosk, Context.ConnectionId);
            return;
        }
        if (role == "evaluator")
        {
            // An evaluator's name is the window it faces (pairing checks it): it hears that window's prompts only.
            if (actor?.Device is not { Kind: DeviceKinds.Evaluator } evaluator || evaluator.HallId != hallId)
                throw new HubException("评价器需用已配对的设备令牌连接 / An evaluator joins with a paired evaluator's token (access_token).");
            if (query?["window"].ToString() != evaluator.Name || !int.TryParse(evaluator.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var faces))
                throw new HubException($"该评价器属于 {evaluator.Name} 号窗口 / This evaluator faces window {evaluator.Name}, not '{query?["window"]}'.");
            Listen(hallId, null);
            await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Evaluator(hallId, faces));
            await Clients.Caller.HallState(await Hall(hallId).State());
            return;
        }
        if (role == "manager" && !await May(AccessPolicies.HallManager))
            throw new HubException("需以本大厅管理员身份登录 / Joining as manager needs a signed-in manager of this hall.");
        // Join before reading the state: anything committed after the read arrives afterwards with a higher seq.
        Listen(hallId, null);
        await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Public(hallId));
        if (role == "manager") await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Managers(hallId));
        if (role == "window" && int.TryParse(query?["window"], out var windowNo) && await May(AccessPolicies.WindowStaff))
            await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Window(hallId, windowNo));
        await Clients.Caller.HallState(await Hall(hallId).State());
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        printing.AgentLeft(Context.ConnectionId);
        if (Context.User is { } user) credentials.Left(user, Context.ConnectionId);
        if (Context.Items.TryGetValue(typeof(HallAudience), out var joined) && joined is (string hallId, string ticketId))
            audience.Leave(hallId, ticketId.Length == 0 ? null : ticketId);
        return base.OnDisconnectedAsync(exception);
    }

    private async Task<bool> May(string policy) =>
        Context.User is { } user && (await authorization.AuthorizeAsync(user, Context.GetHttpContext(), policy)).Succeeded;

    private IHallGrain Hall(string hallId) => grains.GetGrain<IHallGrain>(hallId);

    private void Listen(string hallId, string? ticketId)
    {
        audience.Join(hallId, ticketId);
        Context.Items[typeof(HallAudience)] = (hallId, ticketId ?? "");
    }
}
