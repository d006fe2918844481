
namespace Queue.Contracts;

/// <summary>Every message a screen, console or phone receives from /hubs/hall (docs/api.md).</summary>
public interface IHallClient
{
    /// <summary>The full current state: first on every (re)connection, so no screen stays stale.</summary>
    Task HallState(HallStateView state);
    Task TicketCalled(CallView call);
    Task WindowChanged(WindowChangedView change);
    /// <summary>Queue counts and estimated waits, coalesced when many changes come at once.</summary>
    Task QueueChanged(QueueView queue);
    Task NoticePosted(NoticeView notice);
    /// <summary>For managers only.</summary>
    Task Alert(AlertView alert);
    /// <summary>For the phone of one ticket only.</summary>
    Task TicketChanged(TicketView ticket);
    /// <summary>For the clerk console of one window only: a called resident has not come (重呼 or 过号).</summary>
    Task WindowReminder(WindowReminderView reminder);
    /// <summary>For the print agent of one kiosk only: a ticket to put on paper, then report on.</summary>
    Task PrintTicket(PrintTicketView job);
    /// <summary>For the evaluator (好差评 pad) facing one window only: a service there just finished; ask its resident to rate it.</summary>
    Task RatingRequested(RatingPromptView prompt);
}
