namespace Queue.Hall;

/// <summary>
/// Who a window calls next. Every calling rule lives here and nowhere else.
///
/// Policy, in order; the first rule that finds a ticket the window may serve wins:
///  0. Green bound: when the window has called <see cref="HallConfig.GreenCallsInARow"/> (N) green tickets since it
///     last called from a normal lane, and a normal head of a category it serves has waited past its target, rule 4
///     comes first.
///  1. Green channel (绿色通道: elderly, disabled, pregnant): the earliest-arrived green ticket of any
///     category the window serves, or green ticket sent to this window by name.
///  2. Tickets transferred to this window by name (a resident mid-process, e.g. at 出件窗口).
///  3. Appointments due now (slot start within <see cref="AppointmentEarly"/>): earliest slot first, but for the
///     appointment bound: after <see cref="HallConfig.AppointmentCallsInARow"/> (M) appointment calls since the window last
///     called from a normal lane, while a normal head it serves is past its target wait, rule 4 comes first.
///  4. Everyone else, by score: for each category the window serves, the head ticket's wait divided by
///     the category's target wait, plus <see cref="PreferenceBonus"/> when the window prefers the category.
///     The highest score wins; ties go to the preferred category, then to the earlier arrival.
///  5. Appointments not yet due: an idle window serves an early resident rather than nobody.
///  Skipped by every rule: a number taken from the phone (线上取号) whose resident has not checked in at the hall (kiosk
///  预约签到 with the ticket's code, or the door's rotating code). It waits aside (<see cref="TicketQueues.Lanes.Aside"/>),
///  so no rule ever reads it as a lane head; it counts where it stands (the waiting total, the places and waits of those
///  behind it), and on arrival it enters its lane at its own arrival order: reached before arrival, it loses nothing.
///
/// Guarantees:
///  - FIFO within a category and class: only lane heads are ever chosen, and lanes are ordered by
///    arrival (a transfer keeps the original arrival; a reinstated no-show is put at the head on purpose).
///  - Green first: a window never calls a non-green ticket while a green one it may serve waits, but for the bound:
///  - Green bound: a steady green stream cannot starve everyone else. While a normal head the window serves is past its
///    target wait, the window calls at most N green tickets between two calls from a normal lane (N per hall, default 3);
///    the (N+1)th is the best-scored normal head (rule 4), so an overdue head is called once its ratio leads.
///  - Appointment bound: booked residents cannot crowd out walk-ins either. While a normal head the window serves is
///    past its target, at most M appointment calls come between two calls from a normal lane (M per hall, default 2:
///    appointments take at most two thirds of such a window's calls); then the best-scored normal head is called.
///  - Remote, arrived only: a window never calls a remote ticket before its TicketArrived; one that arrives after its
///    turn has passed is called next among its lane (its order is earlier than everyone then waiting there).
///  - Eligibility: a window only calls tickets of categories it serves, or tickets sent to it by name.
///  - Starvation bound: at a window, a category head whose wait/target ratio exceeds every other head's
///    ratio by more than PreferenceBonus is called next (if no rule 1–3 ticket waits). Because ratios of
///    unserved heads grow with time while served lanes advance, no category waits unboundedly while an
///    eligible window keeps calling.
///  - Deterministic: the same state and clock give the same choice. Cost: O(categories × log n).
/// </summary>
public static class Dispatcher
{
    /// <summary>Half a target wait: enough to keep a window on its specialty, never enough to starve others.</summary>
    public const double PreferenceBonus = 0.5;
    /// <summary>An appointment counts as due this long before its slot starts.</summary>
    public static readonly TimeSpan AppointmentEarly = TimeSpan.FromMinutes(5);

    public static Ticket? Next(HallState hall, Window window, DateTimeOffset now) =>
        (GreenBoundReached(hall, window, now) ? BestScored(hall, window, now) : null)
        ?? GreenChannel(hall, window)
        ?? SentToWindow(hall, window)
        ?? (AppointmentBoundReached(hall, window, now) ? BestScored(hall, window, now) : null)
        ?? AppointmentDue(hall, window, now, due: true)
        ?? BestScored(hall, window, now)
        ?? AppointmentDue(hall, window, now, due: false);

    // Rule 0: N green calls in a row, and someone in a normal lane has waited longer than the hall promises.
    private static bool GreenBoundReached(HallState hall, Window window, DateTimeOffset now) =>
        window.GreenCalls >= hall.Config.GreenCallsInARow && NormalHeadOverdue(hall, window, now);

    // Rule 3's bound: M appointment calls in a row, and a walk-in has waited longer than the hall promises.
    private static bool AppointmentBoundReached(HallState hall, Window window, DateTimeOffset now) =>
        window.AppointmentCalls >= hall.Config.AppointmentCallsInARow && NormalHeadOverdue(hall, window, now);

    private static bool NormalHeadOverdue(HallState hall, Window window, DateTimeOffset now)
    {
        foreach (var c in window.Categories)
        {
            var lane = hall.Queues.Category(c).Normal;
            if (lane.Count > 0 && now - hall.TicketByOrder(lane.Min.Order)!.IssuedAt > TargetWait(hall, c)) return true;
        }
        return false;
    }

    // Rule 1: priority for residents who should not stand in line, across every category the window serves.
    private static Ticket? GreenChannel(HallState hall, Window window)
    {
        QueueEntry? best = null;
        foreach (var c in window.Categories)
        {
            var green = hall.Queues.Category(c).Green;
            if (green.Count > 0 && (best is null || green.Min.Order < best.Value.Order)) best = green.Min;
        }
        var directed = hall.Queues.Directed(window.No);
        if (directed is { Count: > 0 } && directed.Min.Key == 0 && (best is null || directed.Min.Order < best.Value.Order))
            best = directed.Min;
        return best is { } e ? hall.TicketByOrder(e.Order) : null;
    }

    // Rule 2: a clerk named this window, so nobody else may take the ticket; it should not wait twice.
    private static Ticket? SentToWindow(HallState hall, Window window) =>
        hall.Queues.Directed(window.No) is { Count: > 0 } directed ? hall.TicketByOrder(directed.Min.Order) : null;

    // Rules 3 and 5: the booked slot is the promise; earlier slots first.
    private static Ticket? AppointmentDue(HallState hall, Window window, DateTimeOffset now, bool due)
    {
        var dueBefore = (now + AppointmentEarly).UtcTicks;
        QueueEntry? best = null;
        foreach (var c in window.Categories)
        {
            var lane = hall.Queues.Category(c).Appointment;
            if (lane.Count == 0) continue;
            var head = lane.Min;
            if (due && head.Key > dueBefore) continue;
            if (best is null || head.CompareTo(best.Value) < 0) best = head;
        }
        return best is { } e ? hall.TicketByOrder(e.Order) : null;
    }

    // Rule 4: weigh each category's longest wait against its own target so no category starves.
    private static Ticket? BestScored(HallState hall, Window window, DateTimeOffset now)
    {
        Ticket? best = null;
        double bestScore = double.MinValue;
        bool bestPreferred = false;
        foreach (var c in window.Categories)
        {
            var lane = hall.Queues.Category(c).Normal;
            if (lane.Count == 0) continue;
            var head = hall.TicketByOrder(lane.Min.Order)!;
            var target = TargetWait(hall, c).TotalSeconds;
            var preferred = window.IsPreferred(c);
            var score = Math.Max(0, (now - head.IssuedAt).TotalSeconds) / target + (preferred ? PreferenceBonus : 0);
            if (best is null || score > bestScore
                || (score == bestScore && (preferred && !bestPreferred
                    || preferred == bestPreferred && head.Order < best.Order)))
            {
                best = head;
                bestScore = score;
                bestPreferred = preferred;
            }
        }
        return best;
    }

    private static TimeSpan TargetWait(HallState hall, string category) =>
        TimeSpan.FromMinutes(Math.Max(1, hall.Config.Category(category)?.TargetWaitMinutes ?? 15));
}
