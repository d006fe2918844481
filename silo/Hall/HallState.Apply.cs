using Queue.Hall.Events;

namespace Queue.Hall;

/// <summary>The only place a hall changes: one event at a time, in log order.</summary>
public sealed partial class HallState
{
    public void Apply(HallEvent e)
    {
        Seq++;
        switch (e)
        {
            case DayStarted d: StartDay(d); break;
            case TicketIssued i: Issue(i); break;
            case TicketCalled c: Call(c); break;
            case TicketRecalled r:
                var recalled = _byId[r.TicketId];
                recalled.Recalls++;
                RememberCall(recalled, r.WindowNo, r.At, isRecall: true);
                break;
            case TicketServiceStarted s:
                var started = _byId[s.TicketId];
                started.Status = TicketStatus.Serving;
                started.StartedAt = s.At;
                break;
            case TicketCompleted c: Complete(c); break;
            case ServiceRated r: Rated(r); break;
            case TicketMarkedNoShow n:
                var skipped = _byId[n.TicketId];
                LeaveWindow(skipped);
                skipped.Status = TicketStatus.NoShow;
                break;
            case TicketReinstated r: Reinstate(r); break;
            case TicketArrived a:
                var arrived = _byId[a.TicketId];
                // From aside into its lane, at the place its order always held.
                Queues.Remove(arrived);
                arrived.ArrivedAt = a.At;
                Queues.Add(arrived);
                break;
            case TicketReturned r: Return(r); break;
            case TicketParked p:
                var parked = _byId[p.TicketId];
                _windows[p.WindowNo].CurrentTicketId = null;
                // Kept in arrival order, the order a snapshot rebuilds it in.
                var list = _windows[p.WindowNo].Parked;
                var at = list.FindIndex(id => _byId[id].Order > parked.Order);
                list.Insert(at < 0 ? list.Count : at, parked.Id);
                parked.Status = TicketStatus.Parked;
                break;
            case TicketResumed r:
                var resumed = _byId[r.TicketId];
                _windows[r.WindowNo].CurrentTicketId = resumed.Id;
                _windows[r.WindowNo].Parked.Remove(resumed.Id);
                resumed.Status = TicketStatus.Serving;
                break;
            case TicketTransferred t: Transfer(t); break;
            case TicketCancelled c:
                var cancelled = _byId[c.TicketId];
                if (cancelled.Status == TicketStatus.Waiting) Queues.Remove(cancelled);
                if (cancelled.Status == TicketStatus.Parked) _windows[cancelled.WindowNo!.Value].Parked.Remove(cancelled.Id);
                LeaveWindow(cancelled);
                cancelled.Status = TicketStatus.Cancelled;
                cancelled.FinishedAt = c.At;
                break;
            case TicketPriorityChanged p:
                var raised = _byId[p.TicketId];
                Queues.Remove(raised);
                raised.Priority = p.Priority;
                raised.QueueKey = raised.Order;
                Queues.Add(raised);
                break;
            case WindowOpened o:
                var opened = _windows[o.WindowNo];
                opened.State = WindowState.Open;
                opened.ClerkId = o.ClerkId;
                opened.StateSince = o.At;
                break;
            case WindowClosed c: CloseWindow(c); break;
            case WindowPaused p:
                _windows[p.WindowNo].State = WindowState.Paused;
                _windows[p.WindowNo].StateSince = p.At;
                break;
            case WindowResumed r:
                _windows[r.WindowNo].State = WindowState.Open;
                _windows[r.WindowNo].StateSince = r.At;
                break;
            case WindowCategoriesChanged c:
                _windows[c.WindowNo].Categories = [.. c.Categories];
                _windows[c.WindowNo].Prefers = [.. c.Prefers];
                break;
            case NoticePosted n: Notice = n.Text; break;
            case AppointmentCancelled c:
                _appointments[c.Code] = _appointments[c.Code] with { Cancelled = true };
                break;
            // One of a past day was kept only to be recorded: it goes now, as it would have at the day change.
            case AppointmentMissed m when LocalDate(m.SlotEnd) < ServiceDate: _appointments.Remove(m.Code); break;
            case AppointmentMissed m:
                _appointments[m.Code] = _appointments[m.Code] with { Missed = true };
                break;
            case AppointmentBooked a:
                _appointments[a.Code] = new Appointment(a.Code, a.Route, a.MatterIds, a.SlotStart, a.SlotEnd, Used: false)
                    { Name = a.Name, Phone = a.Phone, PhoneKey = a.PhoneKey, Channel = a.Channel };
                break;
        }
        if (e.Key is { } key && !_keys.ContainsKey(key))
            _keys[key] = new KeyedResult(EventSubjects.TicketOf(e), EventSubjects.WindowOf(e), e.At, e.Command, e.Fingerprint);
    }

    private void StartDay(DayStarted d)
    {
        // Only the waiting expire. A resident at a window (called, served, parked) at midnight is finished normally: their
        // ticket stays with its window, first in the new day's order, and keeps its number (today's numbering restarts).
        // Held means held by a window (its current or parked): a ticket no window holds any more cannot be finished.
        var held = _windows.Values.SelectMany(w => w.Parked.Append(w.CurrentTicketId)).OfType<string>().ToHashSet();
        var atWindows = _tickets.Where(t => held.Contains(t.Id)).ToList();
        foreach (var t in _tickets.Where(t => t.IsOpen && !held.Contains(t.Id)))
        {
            t.Status = TicketStatus.Expired;
            t.FinishedAt = d.At;
        }
        _tickets.Clear();
        _byId.Clear();
        _byNumber.Clear();
        _byArrivalCode.Clear();
        _dailySeq.Clear();
        Queues.Clear();
        foreach (var t in atWindows)
        {
            t.Order = _tickets.Count + 1;
            _tickets.Add(t);
            _byId[t.Id] = t;
            _byNumber[t.Number] = t;
        }
        foreach (var w in _windows.Values)
        {
            w.ServedToday = 0;
            w.ServiceSecondsToday = 0;
            w.GreenCalls = 0;
            w.AppointmentCalls = 0;
        }
        // Keys live a day so a kiosk's retry across midnight still finds its answer.
        foreach (var (key, r) in _keys.Where(k => d.At - k.Value.At > TimeSpan.FromDays(1)).ToList()) _keys.Remove(key);
        // A resident's booking still pending is kept until its no-show is recorded (RecordNoShows), so the count per phone
        // misses none; the hall rings for that at once (NoShowDoorbell).
        foreach (var code in _appointments.Values.Where(a => LocalDate(a.SlotEnd) < d.ServiceDate && !(a.Pending && a.PhoneKey is not null))
            .Select(a => a.Code).ToList())
            _appointments.Remove(code);
        _recentCalls.Clear();
        ServiceDate = d.ServiceDate;
    }

    private void Issue(TicketIssued i)
    {
        var t = new Ticket
        {
            Id = i.TicketId, Number = i.Number, Order = _tickets.Count + 1, IssuedAt = i.At,
            MatterIds = i.MatterIds, BundleId = i.BundleId, Route = [.. i.Route], Priority = i.Priority,
            GreenReason = i.GreenReason, AppointmentCode = i.AppointmentCode, SlotStart = i.SlotStart,
            SlotEnd = i.SlotEnd, KioskId = i.KioskId, Status = TicketStatus.Waiting, Remote = i.Remote, ArrivalCode = i.ArrivalCode,
        };
        t.QueueKey = QueueKeyFor(t);
        _tickets.Add(t);
        _byId[t.Id] = t;
        _byNumber[t.Number] = t;
        if (t.ArrivalCode is { } arrival) _byArrivalCode[arrival] = t;
        _dailySeq[i.Prefix] = i.DailySeq;
        if (i.AppointmentCode is { } code && _appointments.TryGetValue(code, out var a)) _appointments[code] = a with { Used = true, Late = i.SlotStart is null };
        Queues.Add(t);
    }

    private void Call(TicketCalled c)
    {
        var t = _byId[c.TicketId];
        var w = _windows[c.WindowNo];
        if (t.Priority == Priority.Green) w.GreenCalls++;
        if (t.Priority == Priority.Appointment) w.AppointmentCalls++;
        if (t.Priority == Priority.Normal && t.DirectedWindow is null) (w.GreenCalls, w.AppointmentCalls) = (0, 0);
        Queues.Remove(t);
        t.DirectedWindow = null;
        t.Status = TicketStatus.Called;
        t.WindowNo = c.WindowNo;
        t.CalledAt = c.At;
        t.StartedAt = null;
        w.CurrentTicketId = t.Id;
        RememberCall(t, c.WindowNo, c.At, isRecall: false);
    }

    private void Rated(ServiceRated r)
    {
        var served = _byId[r.TicketId].Served;
        var i = served.FindLastIndex(x => x.Step == r.Step && x.WindowNo == r.WindowNo);
        served[i] = served[i] with { Grade = r.Grade };
    }

    private void Complete(TicketCompleted c)
    {
        var t = _byId[c.TicketId];
        var w = _windows[c.WindowNo];
        var seconds = ((c.At - (t.StartedAt ?? t.CalledAt ?? c.At)).TotalSeconds);
        w.ServedToday++;
        w.ServiceSecondsToday += seconds;
        if (!_serviceTimes.TryGetValue(t.CategoryCode, out var times)) _serviceTimes[t.CategoryCode] = times = new ServiceTimes();
        times.Add(seconds);
        w.CurrentTicketId = null;
        t.Served.Add(new ServedStep(t.Step, t.CategoryCode, c.WindowNo, w.ClerkId, c.At));
        if (t.Step + 1 < t.Route.Count)
        {
            // The next step of a route (e.g. 出件) queues by itself, keeping the arrival order.
            t.Step++;
            Requeue(t);
        }
        else
        {
            t.Status = TicketStatus.Completed;
            t.FinishedAt = c.At;
        }
    }

    private void Reinstate(TicketReinstated r)
    {
        var t = _byId[r.TicketId];
        t.Reinstated = true;
        QueueAtHead(t);
    }

    private void Return(TicketReturned r)
    {
        var t = _byId[r.TicketId];
        LeaveWindow(t);
        QueueAtHead(t);
    }

    // Just before whoever now leads its lane, of its category (a ticket sent to one window waits for it no longer).
    private void QueueAtHead(Ticket t)
    {
        t.Status = TicketStatus.Waiting;
        t.WindowNo = null;
        t.CalledAt = null;
        t.StartedAt = null;
        t.DirectedWindow = null;
        var lane = Queues.Category(t.CategoryCode).For(t.Priority);
        t.QueueKey = lane.Count > 0 ? lane.Min.Key - 1 : QueueKeyFor(t);
        Queues.Add(t);
    }

    private void Transfer(TicketTransferred e)
    {
        var t = _byId[e.TicketId];
        if (t.Status == TicketStatus.Waiting) Queues.Remove(t);
        LeaveWindow(t);
        if (e.NextStep) t.Step++;
        else if (e.ToCategory is { } category) t.Route[t.Step] = category;
        t.DirectedWindow = e.ToWindowNo;
        Requeue(t);
    }

    private void CloseWindow(WindowClosed c)
    {
        var w = _windows[c.WindowNo];
        w.State = WindowState.Closed;
        w.ClerkId = null;
        w.StateSince = c.At;
        // Nobody may be stranded behind a closed window: parked and directed tickets rejoin their category.
        var stranded = w.Parked.Select(id => _byId[id]).ToList();
        if (Queues.Directed(w.No) is { } directed) stranded.AddRange(directed.Select(e => TicketByOrder(e.Order)!));
        w.Parked.Clear();
        foreach (var t in stranded.OrderBy(t => t.Order))
        {
            if (t.Status == TicketStatus.Waiting) Queues.Remove(t);
            t.DirectedWindow = null;
            Requeue(t);
        }
    }

    private void Requeue(Ticket t)
    {
        t.Status = TicketStatus.Waiting;
        t.WindowNo = null;
        t.CalledAt = null;
        t.StartedAt = null;
        t.QueueKey = QueueKeyFor(t);
        Queues.Add(t);
    }

    private void LeaveWindow(Ticket t)
    {
        if (t.WindowNo is int no && _windows[no].CurrentTicketId == t.Id) _windows[no].CurrentTicketId = null;
    }

    private void RememberCall(Ticket t, int windowNo, DateTimeOffset at, bool isRecall)
    {
        _recentCalls.AddFirst(new CallRecord(Seq, t.Number, windowNo, t.CategoryCode, at, isRecall));
        if (_recentCalls.Count > RecentCallsKept) _recentCalls.RemoveLast();
    }

    private static long QueueKeyFor(Ticket t) =>
        t.Priority == Priority.Appointment && t.SlotStart is { } slot ? slot.UtcTicks : t.Order;
}
