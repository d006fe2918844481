using Queue.Contracts;
using Microsoft.AspNetCore.SignalR;
using Queue.Silo.Halls;
using Queue.Silo.Printing;

namespace Queue.Silo.Hubs;

/// <summary>
/// /hubs/hall?hall={id}&amp;role=display|window|manager[&amp;window=n], role=ticket&amp;ticket={id} or role=printer&amp;kiosk={id}.
/// Clients only listen; joining is by URL so a browser, an LED agent and a TV box join the same way.
/// </summary>
public sealed class HallHub(HallCatalog catalog, IGrainFactory grains, PrintDesk printing, HallAudience audience) : Hub<IHallClient>
{
    public override async Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        var hallId = query?["hall"].ToString() ?? "";
        var role = query?["role"].ToString() is { Length: > 0 } r ? r : "display";
        if (catalog.Find(hallId) is null) throw new HubException($"没有大厅 {hallId} / Hall '{hallId}' does not exist.");

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
            // A kiosk's print agent hears only its print jobs; the desk sends it the jobs that waited for it.
            var kiosk = query?["kiosk"].ToString() ?? "";
            if (kiosk is not { Length: > 0 and <= 64 }) throw new HubException("打印代理需指明取号机 / A printer joins with &kiosk={kioskId} (at most 64 characters).");
            await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Printer(hallId, kiosk));
            printing.AgentJoined(hallId, kiosk, Context.ConnectionId);
            return;
        }
        if (role is not ("display" or "window" or "manager"))
            throw new HubException($"未知角色 {role} / Unknown role '{role}' (display, window, manager, ticket, printer).");
        // Join before reading the state: anything committed after the read arrives afterwards with a higher seq.
        Listen(hallId, null);
        await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Public(hallId));
        if (role == "manager") await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Managers(hallId));
        if (role == "window" && int.TryParse(query?["window"], out var windowNo))
            await Groups.AddToGroupAsync(Context.ConnectionId, HallGroups.Window(hallId, windowNo));
        await Clients.Caller.HallState(await Hall(hallId).State());
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        printing.AgentLeft(Context.ConnectionId);
        if (Context.Items.TryGetValue(typeof(HallAudience), out var joined) && joined is (string hallId, string ticketId))
            audience.Leave(hallId, ticketId.Length == 0 ? null : ticketId);
        return base.OnDisconnectedAsync(exception);
    }

    private IHallGrain Hall(string hallId) => grains.GetGrain<IHallGrain>(hallId);

    private void Listen(string hallId, string? ticketId)
    {
        audience.Join(hallId, ticketId);
        Context.Items[typeof(HallAudience)] = (hallId, ticketId ?? "");
    }
}
