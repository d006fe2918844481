using Queue.Hall.Events;

namespace Queue.Hall;

/// <summary>Window actions: what a clerk may do, given the window's state and its current ticket.</summary>
public static partial class Decide
{
    private static Decision WindowAction(HallState s, HallCommand command, DateTimeOffset now)
    {
        var no = command switch
        {
            OpenWindow c => c.WindowNo, CloseWindow c => c.WindowNo, PauseWindow c => c.WindowNo,
            ResumeWindow c => c.WindowNo, CallNext c => c.WindowNo, Recall c => c.WindowNo,
            StartService c => c.WindowNo, CompleteService c => c.WindowNo, MarkNoShow c => c.WindowNo,
            ParkTicket c => c.WindowNo, ResumeParked c => c.WindowNo, TransferTicket c => c.WindowNo,
            CompleteAndCallNext c => c.WindowNo, ReinstateNoShow c => c.WindowNo, ForceCloseWindow c => c.WindowNo,
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}", nameof(command)),
        };
        if (s.Window(no) is not { } w) return Decision.Refuse(Refusal.UnknownWindow(no));
        if (command.Clerk is { } clerk && w.ClerkId is { } signedIn && signedIn != clerk && command is not OpenWindow)
            return Decision.Refuse(Refusal.NotYourWindow(no, signedIn));
        var current = s.CurrentAt(w);
        Decision Ok(params HallEvent[] events) => Decision.Accept(current?.Id, no, events);

        switch (command)
        {
            case OpenWindow c:
                if (w.State == WindowState.Closed) return Ok(new WindowOpened(no, c.ClerkId, now));
                return w.ClerkId == c.ClerkId ? Ok()
                    : Decision.Refuse(new("window-taken", $"{no} 号窗口已由 {w.ClerkId} 登录", $"Window {no} is signed in by {w.ClerkId}."));
            case CloseWindow:
                if (w.State == WindowState.Closed) return Ok();
                return current is not null ? Decision.Refuse(Refusal.WindowBusy(no, current.Number)) : Ok(new WindowClosed(no, now));
            case PauseWindow:
                if (w.State == WindowState.Paused) return Ok();
                if (w.State == WindowState.Closed) return Decision.Refuse(Refusal.WindowClosed(no));
                return current is not null ? Decision.Refuse(Refusal.WindowBusy(no, current.Number)) : Ok(new WindowPaused(no, now));
            case ResumeWindow:
                if (w.State == WindowState.Open) return Ok();
                return w.State == WindowState.Closed ? Decision.Refuse(Refusal.WindowClosed(no)) : Ok(new WindowResumed(no, now));
            case ForceCloseWindow c:
                if (string.IsNullOrWhiteSpace(c.Reason))
                    return Decision.Refuse(Refusal.Invalid("reason-required", "强制关闭窗口必须填写原因", "A reason is required to force a window closed."));
                if (w.State == WindowState.Closed) return Ok();
                // The resident called here is not lost with the window: first in line again, wherever they are served next.
                return current is null ? Ok(new WindowClosed(no, now)) : Ok(new TicketReturned(current.Id, no, now), new WindowClosed(no, now));
            case ReinstateNoShow c:
                if (string.IsNullOrWhiteSpace(c.Number))
                    return Decision.Refuse(Refusal.Invalid("number-required", "请填写要恢复的号码（number）", "Give the number of the no-show to reinstate."));
                return Reinstate(s, new ReinstateTicket(c.Number.Trim()), now) with { WindowNo = no };
        }

        if (w.State == WindowState.Closed) return Decision.Refuse(Refusal.WindowClosed(no));
        switch (command)
        {
            case CallNext:
                if (w.State == WindowState.Paused) return Decision.Refuse(Refusal.WindowPaused(no));
                if (current is not null) return Decision.Refuse(Refusal.WindowBusy(no, current.Number));
                return Dispatcher.Next(s, w, now) is { } next
                    ? Decision.Accept(next.Id, no, new TicketCalled(next.Id, no, w.ClerkId, now))
                    : Decision.Accept(null, no);
            case ResumeParked c:
                if (w.State == WindowState.Paused) return Decision.Refuse(Refusal.WindowPaused(no));
                if (current is not null) return Decision.Refuse(Refusal.WindowBusy(no, current.Number));
                var parked = w.Parked.Select(s.TicketById).FirstOrDefault(t => c.Number is null || t!.Number == c.Number.ToUpperInvariant());
                return parked is null
                    ? Decision.Refuse(new("no-parked-ticket", $"{no} 号窗口没有挂起的号{(c.Number is null ? "" : " " + c.Number)}",
                        $"Window {no} has no parked ticket{(c.Number is null ? "" : " " + c.Number)}."))
                    : Decision.Accept(parked.Id, no, new TicketResumed(parked.Id, no, now));
        }

        if (current is null) return Decision.Refuse(Refusal.NoCurrentTicket(no));
        var called = current.Status == TicketStatus.Called;
        switch (command)
        {
            case Recall:
                return called ? Ok(new TicketRecalled(current.Id, no, now)) : Decision.Refuse(Refusal.TicketState(current.Number, current.Status, "重呼", "recalled"));
            case StartService:
                return called ? Ok(new TicketServiceStarted(current.Id, no, now)) : Decision.Refuse(Refusal.TicketState(current.Number, current.Status, "开始办理", "started"));
            case CompleteService or CompleteAndCallNext:
                // Clerks often skip 开始办理; finishing a called ticket is fine.
                return Ok(new TicketCompleted(current.Id, no, now));
            case MarkNoShow:
                return called ? Ok(new TicketMarkedNoShow(current.Id, no, now)) : Decision.Refuse(Refusal.TicketState(current.Number, current.Status, "过号", "skipped"));
            case ParkTicket:
                return !called ? Ok(new TicketParked(current.Id, no, now)) : Decision.Refuse(Refusal.TicketState(current.Number, current.Status, "挂起", "parked"));
            case TransferTicket c:
                return Transfer(s, c, current, now);
        }
        throw new ArgumentException($"Unhandled window command {command.GetType().Name}", nameof(command));
    }

    private static Decision Transfer(HallState s, TransferTicket c, Ticket current, DateTimeOffset now)
    {
        if ((c.ToCategory is null) == (c.ToWindowNo is null))
            return Decision.Refuse(Refusal.Invalid("transfer-target", "请选择转移到一个类别或一个窗口", "Transfer to exactly one category or one window."));
        if (c.ToCategory is { } category && s.Config.Category(category) is null) return Decision.Refuse(Refusal.UnknownCategory(category));
        if (c.ToWindowNo is int to)
        {
            if (s.Window(to) is not { } target) return Decision.Refuse(Refusal.UnknownWindow(to));
            if (to == c.WindowNo)
                return Decision.Refuse(Refusal.Invalid("transfer-same-window", "不能转移到本窗口", "A ticket cannot be transferred to its own window."));
            // A ticket sent to a closed window would wait for nobody.
            if (target.State == WindowState.Closed) return Decision.Refuse(Refusal.WindowClosed(to));
        }
        // Sent on to the route's next step (the 出件窗口 of a bundle): the step it leaves is done, or it would be called
        // again for that next step once the result window finished it.
        var next = current.Step + 1 < current.Route.Count ? current.Route[current.Step + 1] : null;
        var nextStep = next is not null && (c.ToCategory == next
            || c.ToWindowNo is int window && s.Window(window) is { } at && !at.CanServe(current.CategoryCode) && at.CanServe(next));
        return Decision.Accept(current.Id, c.WindowNo,
            new TicketTransferred(current.Id, c.WindowNo, c.ToCategory, c.ToWindowNo, c.Reason, now) { NextStep = nextStep });
    }
}
