using Queue.Tests.Support;
using Microsoft.Data.Sqlite;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Silo.Tests;

public class SqliteEventStoreTests
{
    private static string NewPath() => Path.Combine(Path.GetTempPath(), $"queue-store-{Guid.NewGuid():N}", "queue.db");
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Appends_from_many_halls_at_once_share_commits_and_load_back_in_order()
    {
        var path = NewPath();
        await using (var store = new SqliteEventStore(path))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(h => Task.Run(async () =>
            {
                for (var seq = 1; seq <= 5; seq++)
                    await store.AppendAsync($"hall-{h}", seq, [new NoticePosted($"通知 {seq}", At) { Key = $"k{seq}" }], CancellationToken.None);
            })));
            Assert.Equal(1000, store.Appends);
            Assert.True(store.Commits < store.Appends, $"{store.Commits} commits for {store.Appends} appends: no group commit happened");
        }
        await using var reopened = new SqliteEventStore(path);
        var history = await reopened.LoadAsync("hall-7", CancellationToken.None);
        Assert.Equal(["通知 1", "通知 2", "通知 3", "通知 4", "通知 5"], history.Events.Cast<NoticePosted>().Select(n => n.Text));
        Assert.Equal("k3", history.Events[2].Key);
    }

    [Fact]
    public void A_keyed_event_stores_its_command_and_one_logged_before_that_still_reads_back()
    {
        var keyed = EventJson.Serialize(new TicketCalled("t1", 1, "c01", At) { Key = "click-1", Command = "CallNext", Fingerprint = "AB12" });
        Assert.Equal(("CallNext", "AB12"), (EventJson.Deserialize(keyed).Command, EventJson.Deserialize(keyed).Fingerprint));
        Assert.DoesNotContain("fingerprint", EventJson.Serialize(new TicketCalled("t1", 1, "c01", At)));

        var old = EventJson.Deserialize("""{"kind":"TicketCalled","ticketId":"t1","windowNo":1,"clerkId":"c01","at":"2026-11-23T02:00:00+00:00","key":"click-1"}""");
        Assert.Equal("click-1", old.Key);
        Assert.Null(old.Command);
        Assert.Null(old.Fingerprint);
    }

    [Fact]
    public async Task A_seq_already_taken_fails_that_append_alone()
    {
        await using var store = new SqliteEventStore(NewPath());
        await store.AppendAsync("h", 1, [new NoticePosted("一", At)], CancellationToken.None);
        var duplicate = store.AppendAsync("h", 1, [new NoticePosted("重复", At)], CancellationToken.None);
        var other = store.AppendAsync("g", 1, [new NoticePosted("别的大厅", At)], CancellationToken.None);
        await Assert.ThrowsAsync<SeqTakenException>(() => duplicate);
        await other;
        Assert.Equal("一", ((NoticePosted)(await store.LoadAsync("h", CancellationToken.None)).Events.Single()).Text);
    }

    [Fact]
    public async Task A_snapshot_replaces_the_events_before_it_on_load()
    {
        var config = Queue.Silo.Halls.HallConfigFiles.Load(Path.Combine(SiloProcess.SeedsFolder, "shadaogou.hall.json"));
        var state = new HallState(config);
        var events = new List<HallEvent> { new DayStarted(new DateOnly(2026, 11, 23), At), new WindowOpened(1, "c1", At) };
        await using var store = new SqliteEventStore(NewPath());
        await store.AppendAsync(config.Id, 1, events, CancellationToken.None);
        foreach (var e in events) state.Apply(e);
        await store.SaveSnapshotAsync(config.Id, state.ToSnapshot(), CancellationToken.None);
        await store.AppendAsync(config.Id, 3, [new WindowPaused(1, At)], CancellationToken.None);

        var history = await store.LoadAsync(config.Id, CancellationToken.None);
        Assert.Equal(2, history.Snapshot!.Seq);
        Assert.IsType<WindowPaused>(Assert.Single(history.Events));
        var rebuilt = HallState.FromSnapshot(config, history.Snapshot);
        rebuilt.Apply(history.Events[0]);
        Assert.Equal((WindowState.Paused, "c1", 3L), (rebuilt.Window(1)!.State, rebuilt.Window(1)!.ClerkId, rebuilt.Seq));
    }
}
