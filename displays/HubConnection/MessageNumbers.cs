using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;

namespace Queue.Displays.Hub;

/// <summary>
/// The silo numbers a hall's screen messages (<see cref="ScreenMessage.MessageNo"/>) in the order it sends them. The
/// Redis backplane between silos is fire-and-forget: a number skipped means a message was lost, and the state must be
/// fetched again. Every numbered target is listened to for its number, whether the client handles it or not.
/// </summary>
public static class MessageNumbers
{
    /// <summary>The client binds a target's arguments to the types of its first handler, whoever registered it: so the
    /// real types, and the number read from whatever record came.</summary>
    private static readonly (string Target, Type Type)[] Targets =
        [(nameof(IHallClient.HallState), typeof(HallStateView)), (nameof(IHallClient.TicketCalled), typeof(CallView)),
         (nameof(IHallClient.WindowChanged), typeof(WindowChangedView)), (nameof(IHallClient.QueueChanged), typeof(QueueView)),
         (nameof(IHallClient.NoticePosted), typeof(NoticeView))];

    /// <summary>Calls <paramref name="missed"/> when a message of the hall did not arrive. The hub delivers one
    /// connection's messages one at a time, in order, so the count needs no lock.</summary>
    public static void OnMissed(this HubConnection connection, Action missed)
    {
        long? last = null;
        foreach (var (target, type) in Targets)
            connection.On(target, [type], (args, _) =>
            {
                var no = (args[0] as ScreenMessage)?.MessageNo;
                if (no is { } n && last is { } l && n != l + 1) missed();
                // The state sent on joining has no number: the next message starts the count.
                if (no is not null || target == nameof(IHallClient.HallState)) last = no;
                return Task.CompletedTask;
            }, null!);
    }
}
