using Queue.Hall.Events;

namespace Queue.Hall;

/// <summary>线上取号: taking a number from the phone, and checking in at the hall.</summary>
public static partial class Decide
{
    // Before the route is known: off, or not a plain number (an appointment checks in, a green ticket is given at the hall).
    private static Refusal? RemoteRefused(HallState s, IssueTicket c) =>
        s.Config.RemoteTaking is null ? new("remote-taking-off", "本大厅未开通线上取号，请到大厅取号机取号",
            "This hall does not offer taking a number from the phone; take one at the hall's kiosk.")
        : c.AppointmentCode is not null ? OneChoice
        : c.Priority != Priority.Normal ? Refusal.Invalid("remote-priority", "线上取号只取普通号；绿色通道请到大厅取号机或咨询台",
            "A number taken from the phone is a normal one; the green channel is given at the hall.")
        : null;

    /// <summary>Only while the queue is long enough that holding a place from home saves a trip's worth of waiting, and
    /// short enough that the resident is served today (demo mode, hours ignored, has no closing to run past).</summary>
    private static Refusal? RemoteWaitRefused(HallState s, Category first, DateTimeOffset now, bool ignoreHours)
    {
        var min = s.Config.RemoteTaking!.MinWaitMinutes;
        var wait = s.EstimatedWait(first.Code, s.Queues.WaitingIn(first.Code), now, untilClosing: !ignoreHours);
        if (wait.Minutes is not int minutes)
            return new("remote-no-window", $"“{first.Name}”现在没有窗口办理，暂不能线上取号",
                $"No window serves '{first.Code}' now, so no number can be taken from the phone.");
        if (wait.BeyondClosing)
            return new("remote-beyond-closing", $"“{first.Name}”预计等候超过今日办公时间，今日不能线上取号",
                $"The wait for '{first.Code}' runs past today's closing; no number can be taken from the phone today.");
        if (minutes < min)
            return new("remote-wait-short", $"“{first.Name}”现在预计等候约 {minutes} 分钟，不到 {min} 分钟，请直接到大厅取号",
                $"The wait for '{first.Code}' is about {minutes} minutes, under the {min} minutes from which numbers are taken from the phone; take one at the hall.");
        return null;
    }

    private static Decision Arrive(HallState s, ArriveTicket c, DateTimeOffset now) =>
        s.FindTicket(c.TicketRef) is not { } t ? Decision.Refuse(Refusal.UnknownTicket(c.TicketRef)) : Arrive(t, c.Via, now);

    private static Decision Arrive(Ticket t, string via, DateTimeOffset now) =>
        !t.Remote ? Decision.Refuse(new("ticket-not-remote", $"{t.Number} 是在大厅取的号，无需签到", $"Ticket {t.Number} was taken at the hall; it needs no check-in."))
        : t.ArrivedAt is not null ? Decision.Accept(t.Id, null)   // already here: a second scan changes nothing
        : t.Status != TicketStatus.Waiting ? Decision.Refuse(Refusal.TicketState(t.Number, t.Status, "签到", "checked in"))
        : Decision.Accept(t.Id, null, new TicketArrived(t.Id, via, now));
}
