using Queue.Contracts;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;

namespace Queue.Silo.Hubs;

/// <summary>
/// Turns decided events into hub messages. Views are built right away inside the hall grain's turn (the only
/// place the state may be read); sending happens on the hall's outbox, in order, once the events are durable.
/// A call reaches a screen as one frame: its TicketCalled carries the called window, which gets no WindowChanged then.
/// Each message is one group send, serialized once per hall however many screens: SignalR serializes a group send once
/// per protocol and writes those bytes to every member (aspnetcore src/SignalR/server/Core/src/DefaultHubLifetimeManager.cs,
/// SendToGroupConnections: one SerializedHubMessage for the group; with Redis, server/StackExchangeRedis/src/
/// RedisHubLifetimeManager.cs SendGroupAsync serializes once, RedisProtocol.WriteInvocation, and each silo writes the one
/// SerializedHubMessage it read to its members, SubscribeToGroupAsync).
/// </summary>
public sealed class HubNotifier(IHubClients<IHallClient> clients, HallAudience audience, HubBackplane backplane, TimeProvider clock, ILogger<HubNotifier> logger) : IHallListener
{
    private readonly ConcurrentDictionary<string, HallOutbox> _outboxes = new();

    public void Appending(HallState s, IReadOnlyList<HallEvent> events, DateTimeOffset now, Task durable)
    {
        var hallId = s.Config.Id;
        if (!backplane.Shared && !audience.Watches(hallId)) return;
        if (events.Any(e => e is DayStarted))
        {
            Resync(s, now, durable);
            return;
        }
        var hall = clients.Group(HallGroups.Public(hallId));
        var outbox = Outbox(hallId);

        var firstSeq = s.Seq - events.Count + 1;
        var windows = new SortedSet<int>();
        var tickets = new HashSet<string>();
        var queueChanged = false;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var seq = firstSeq + i;
            if (EventSubjects.WindowOf(e) is int w) windows.Add(w);
            if (EventSubjects.TicketOf(e) is { } id)
            {
                tickets.Add(id);
                queueChanged = true;
                if (s.TicketById(id)?.WindowNo is int tw) windows.Add(tw);
            }
            switch (e)
            {
                case TicketCalled c:
                    var call = Call(s, events, i, seq, c.TicketId, c.WindowNo, c.At, isRecall: false);
                    outbox.SendPublic(durable, n => hall.TicketCalled(call with { MessageNo = n }));
                    break;
                case TicketRecalled r:
                    var recall = Call(s, events, i, seq, r.TicketId, r.WindowNo, r.At, isRecall: true);
                    outbox.SendPublic(durable, n => hall.TicketCalled(recall with { MessageNo = n }));
                    break;
                case NoticePosted n:
                    var notice = new NoticeView(seq, n.Text, n.At);
                    outbox.SendPublic(durable, n => hall.NoticePosted(notice with { MessageNo = n }));
                    break;
                case TicketCompleted done when RatingPrompt(s, done) is { } prompt:
                    outbox.Send(durable, () => clients.Group(HallGroups.Evaluator(hallId, done.WindowNo)).RatingRequested(prompt));
                    break;
                case WindowOpened or WindowClosed or WindowResumed or WindowCategoriesChanged:
                    queueChanged = true; // open windows change estimated waits
                    break;
            }
        }
        foreach (var no in windows)
        {
            if (CalledAt(events, no, from: 0)) continue;   // its call's frame carries it
            var change = new WindowChangedView(s.Seq, Views.Window(s, s.Window(no)!));
            outbox.SendPublic(durable, n => hall.WindowChanged(change with { MessageNo = n }));
        }
        foreach (var id in tickets)
        {
            if ((!backplane.Shared && !audience.Follows(id)) || s.TicketById(id) is not { } t) continue;
            var view = Views.Ticket(s, t, now);
            outbox.Send(durable, () => clients.Group(HallGroups.Ticket(id)).TicketChanged(view));
        }
        if (queueChanged)
        {
            var queue = Views.Queue(s, now);
            outbox.SendQueue(durable, n => clients.Groups(HallGroups.Public(hallId), HallGroups.Phones(hallId)).QueueChanged(queue with { MessageNo = n }));
        }
    }

    public void Resync(HallState s, DateTimeOffset now, Task durable)
    {
        var hallId = s.Config.Id;
        if (!backplane.Shared && !audience.Watches(hallId)) return;
        var state = Views.Hall(s, now);
        Outbox(hallId).SendPublic(durable, n => clients.Group(HallGroups.Public(hallId)).HallState(state with { MessageNo = n }));
    }

    /// <summary>In a cluster, a hall activated moments after its last event most likely moved from a silo that died: the
    /// screens (connected to the survivors) get the whole state, with whatever that silo committed but never sent.</summary>
    public void Reactivated(HallState s, DateTimeOffset now, Task durable)
    {
        if (backplane.Shared) Resync(s, now, durable);
    }

    private HallOutbox Outbox(string hallId) => _outboxes.GetOrAdd(hallId, _ => new HallOutbox(logger, clock));

    /// <summary>What the window's evaluator asks its resident to rate: the step just finished there, and who served it.</summary>
    private static RatingPromptView? RatingPrompt(HallState s, TicketCompleted done) =>
        s.TicketById(done.TicketId) is { } t && t.Served.LastOrDefault(x => x.WindowNo == done.WindowNo && x.CompletedAt == done.At) is { } step
            ? new RatingPromptView(s.Config.Id, t.Id, t.Number, done.WindowNo, step.Step + 1, Views.CategoryName(s, step.CategoryCode), step.ClerkId, done.At)
            : null;

    /// <summary>The frame of the call at <paramref name="i"/>. The commit's last call to a window carries the window as the
    /// commit left it (the state is past all its events: an earlier call would show the later one's number too soon).</summary>
    private static CallView Call(HallState s, IReadOnlyList<HallEvent> events, int i, long seq, string ticketId, int windowNo, DateTimeOffset at, bool isRecall)
    {
        var t = s.TicketById(ticketId)!;
        var window = CalledAt(events, windowNo, from: i + 1) ? null : Views.Window(s, s.Window(windowNo)!);
        return Views.Call(s, new CallRecord(seq, t.Number, windowNo, t.CategoryCode, at, isRecall), window);
    }

    private static bool CalledAt(IReadOnlyList<HallEvent> events, int windowNo, int from)
    {
        for (var j = from; j < events.Count; j++)
            if (events[j] is TicketCalled c && c.WindowNo == windowNo || events[j] is TicketRecalled r && r.WindowNo == windowNo) return true;
        return false;
    }
}
