using System.Text.Json;
using System.Text.Json.Nodes;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>
/// An idempotency key belongs to one request: a retry (same kind, same fields, fresh random ids) answers what the
/// first attempt did; anything else under that key is refused with idempotency-key-reused and changes nothing.
/// </summary>
public class IdempotencyKeyTests
{
    private const string Key = "tap-42";
    private static readonly DateTimeOffset SlotStart = TestHall.Monday10.AddHours(2);

    /// <summary>A named case: what the hall holds, the first request, the second under the same key, and whether it is a retry.</summary>
    public sealed record Case(string Name, Action<TestHall> Setup, Func<TestHall, HallCommand> First, Func<TestHall, HallCommand> Second, bool Retry)
    {
        public override string ToString() => Name;
    }

    private static void Nothing(TestHall h) { }
    private static void TwoWaitingTwoWindowsOpen(TestHall h) { h.Issue(); h.Issue(); h.Open(1, 2); }
    private static void OneCalledAtWindow1(TestHall h) { h.Issue(); h.Open(1, 3); h.CallNext(1); }
    private static void OneNoShow(TestHall h) { OneCalledAtWindow1(h); Assert.Null(h.Do(new MarkNoShow(1)).Refusal); }
    private static HallCommand IssueGeneral(TestHall h) => new IssueTicket(h.NewId(), CategoryCode: "general");
    private static HallCommand Book(TestHall h) => new BookAppointment(h.NewId(), "general", null, SlotStart, SlotStart.AddMinutes(30));
    private static HallCommand CancelFirst(TestHall h) => new CancelTicket(h.State.Tickets[0].Id);

    public static TheoryData<Case> Cases =>
    [
        new("issue retried with a new ticket id", Nothing, IssueGeneral, IssueGeneral, Retry: true),
        new("issue of matters retried", Nothing, h => new IssueTicket(h.NewId(), MatterIds: ["qykb", "fpdk"]),
            h => new IssueTicket(h.NewId(), MatterIds: ["qykb", "fpdk"]), Retry: true),
        new("booking retried with a new code", Nothing, Book, Book, Retry: true),
        new("call-next double clicked", TwoWaitingTwoWindowsOpen, _ => new CallNext(1), _ => new CallNext(1), Retry: true),
        new("cancel retried", TwoWaitingTwoWindowsOpen, CancelFirst, CancelFirst, Retry: true),
        new("transfer retried", OneCalledAtWindow1, _ => new TransferTicket(1, "tax", null, "走错队"),
            _ => new TransferTicket(1, "tax", null, "走错队"), Retry: true),
        new("notice retried", Nothing, _ => new PostNotice("午间不休"), _ => new PostNotice("午间不休"), Retry: true),

        new("issue, then call-next", TwoWaitingTwoWindowsOpen, IssueGeneral, _ => new CallNext(1), Retry: false),
        new("call-next, then complete", TwoWaitingTwoWindowsOpen, _ => new CallNext(1), _ => new CompleteService(1), Retry: false),
        new("call-next, then call-next at another window", TwoWaitingTwoWindowsOpen, _ => new CallNext(1), _ => new CallNext(2), Retry: false),
        new("no-show, then reinstate", OneCalledAtWindow1, _ => new MarkNoShow(1), h => new ReinstateTicket(h.State.Tickets[0].Id), Retry: false),
        new("reinstate, then cancel", OneNoShow, h => new ReinstateTicket(h.State.Tickets[0].Id), CancelFirst, Retry: false),
        new("issue, then booking", Nothing, IssueGeneral, Book, Retry: false),

        new("issue for general, then for tax", Nothing, IssueGeneral, h => new IssueTicket(h.NewId(), CategoryCode: "tax"), Retry: false),
        new("issue normal, then green", Nothing, IssueGeneral,
            h => new IssueTicket(h.NewId(), CategoryCode: "general", Priority: Priority.Green, GreenReason: "elderly"), Retry: false),
        new("transfer to a category, then to a window", OneCalledAtWindow1, _ => new TransferTicket(1, "tax", null, "走错队"),
            _ => new TransferTicket(1, null, 3, "走错队"), Retry: false),
        new("window opened by one clerk, then another", Nothing, _ => new OpenWindow(1, "c01"), _ => new OpenWindow(1, "c02"), Retry: false),
        new("booking, then another slot", Nothing, Book,
            h => new BookAppointment(h.NewId(), "general", null, SlotStart.AddHours(1), SlotStart.AddHours(2)), Retry: false),
        new("notice, then another text", Nothing, _ => new PostNotice("午间不休"), _ => new PostNotice("大厅今日关闭"), Retry: false),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_key_answers_its_own_retry_and_refuses_any_other_request(Case c)
    {
        var hall = new TestHall();
        c.Setup(hall);
        var first = hall.Do(c.First(hall) with { Key = Key });
        Assert.Null(first.Refusal);
        Assert.NotEmpty(first.Events);
        var before = TestHall.Fingerprint(hall.State);
        var logged = hall.Log.Count;

        var second = hall.Do(c.Second(hall) with { Key = Key });

        if (c.Retry)
        {
            Assert.Null(second.Refusal);
            Assert.Equal((first.TicketId, first.WindowNo), (second.TicketId, second.WindowNo));
        }
        else
        {
            Assert.Equal("idempotency-key-reused", second.Refusal?.Code);
            Assert.Equal(RefusalKind.Unprocessable, second.Refusal!.Kind);
            Assert.Contains(CommandFingerprint.Kind(c.First(hall)), second.Refusal.En);
        }
        Assert.Empty(second.Events);
        Assert.Equal(logged, hall.Log.Count);
        Assert.Equal(before, TestHall.Fingerprint(hall.State));
    }

    [Fact]
    public void A_refused_command_leaves_its_key_free_for_the_next_request()
    {
        var hall = new TestHall();
        hall.Open(1);
        Assert.Equal("window-closed", hall.Do(new CallNext(3) { Key = Key }).Refusal?.Code);
        Assert.Empty(hall.Do(new CallNext(1) { Key = Key }).Events);     // nobody waiting: nothing done, nothing recorded
        var issued = hall.Do(IssueGeneral(hall) with { Key = Key });
        Assert.Null(issued.Refusal);
        Assert.Single(hall.State.Tickets);
    }

    [Fact]
    public void Keys_from_logs_written_before_keys_knew_their_command_still_answer_any_retry()
    {
        var hall = new TestHall();
        TwoWaitingTwoWindowsOpen(hall);
        var first = hall.Do(new CallNext(1) { Key = Key });
        var old = new HallState(hall.Config);
        foreach (var e in hall.Log) old.Apply(e with { Command = null, Fingerprint = null });

        var retry = Decide.Handle(old, new CallNext(1) { Key = Key }, hall.Now);

        Assert.Null(retry.Refusal);
        Assert.Empty(retry.Events);
        Assert.Equal(first.TicketId, retry.TicketId);
    }

    [Fact]
    public void A_snapshot_keeps_what_each_key_was_for_and_one_without_it_still_loads()
    {
        var hall = new TestHall();
        hall.Issue(key: Key);
        var json = JsonSerializer.SerializeToNode(hall.State.ToSnapshot(), TestHall.Json)!;
        var restored = HallState.FromSnapshot(hall.Config, json.Deserialize<HallSnapshot>(TestHall.Json)!);
        Assert.Equal("idempotency-key-reused", Decide.Handle(restored, new PostNotice("x") { Key = Key }, hall.Now).Refusal?.Code);

        var key = json["keys"]![Key]!.AsObject();
        Assert.True(key.Remove("command") && key.Remove("fingerprint"));
        var older = HallState.FromSnapshot(hall.Config, json.Deserialize<HallSnapshot>(TestHall.Json)!);
        var retry = Decide.Handle(older, new IssueTicket(hall.NewId(), CategoryCode: "general") { Key = Key }, hall.Now);
        Assert.Null(retry.Refusal);
        Assert.Equal(hall.State.Tickets[0].Id, retry.TicketId);
    }
}
