using Queue.Tests.Support;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Silo.Tests.Storage;

/// <summary>What every event log must do, run against each store by the classes below.</summary>
public abstract class EventStoreTests<TStore> where TStore : IEventStore, IAsyncDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Where a new, empty log lives (a file, a database); opening it again is a restart.</summary>
    protected abstract string NewLog();
    protected abstract TStore Open(string log);
    protected abstract (long Commits, long Appends) Counts(TStore store);
    /// <summary>A new log on something a test can break and mend: a disk that fills, a server that refuses.</summary>
    protected abstract Outage NewBreakableLog();

    public abstract class Outage(string log) : IDisposable
    {
        public string Log { get; } = log;
        public abstract void Begin();
        public abstract void End();
        public virtual void Dispose() { }
    }

    [StoreFact]
    public async Task Appends_from_many_halls_at_once_share_commits_and_load_back_in_order()
    {
        var log = NewLog();
        await using (var store = Open(log))
        {
            await Task.WhenAll(Enumerable.Range(0, 200).Select(h => Task.Run(async () =>
            {
                for (var seq = 1; seq <= 5; seq++)
                    await store.AppendAsync($"hall-{h}", seq, [new NoticePosted($"通知 {seq}", At) { Key = $"k{seq}" }], CancellationToken.None);
            })));
            var (commits, appends) = Counts(store);
            Assert.Equal(1000, appends);
            Assert.True(commits < appends, $"{commits} commits for {appends} appends: no group commit happened");
        }
        await using var reopened = Open(log);
        var history = await reopened.LoadAsync("hall-7", CancellationToken.None);
        Assert.Equal(["通知 1", "通知 2", "通知 3", "通知 4", "通知 5"], history.Events.Cast<NoticePosted>().Select(n => n.Text));
        Assert.Equal("k3", history.Events[2].Key);
    }

    [StoreFact]
    public async Task A_keyed_event_comes_back_with_its_key_command_and_fingerprint_after_a_restart()
    {
        var log = NewLog();
        await using (var store = Open(log))
            await store.AppendAsync("h", 1, [new TicketCalled("t1", 1, "c01", At) { Key = "click-1", Command = "CallNext", Fingerprint = "AB12" }],
                CancellationToken.None);
        await using var reopened = Open(log);
        var called = Assert.IsType<TicketCalled>(Assert.Single((await reopened.LoadAsync("h", CancellationToken.None)).Events));
        Assert.Equal(("t1", 1, "click-1", "CallNext", "AB12", At), (called.TicketId, called.WindowNo, called.Key, called.Command, called.Fingerprint, called.At));
    }

    [StoreFact]
    public async Task A_seq_already_taken_fails_that_append_alone()
    {
        await using var store = Open(NewLog());
        await store.AppendAsync("h", 1, [new NoticePosted("一", At)], CancellationToken.None);
        var duplicate = store.AppendAsync("h", 1, [new NoticePosted("重复", At)], CancellationToken.None);
        var other = store.AppendAsync("g", 1, [new NoticePosted("别的大厅", At)], CancellationToken.None);
        await Assert.ThrowsAsync<SeqTakenException>(() => duplicate);
        await other;
        Assert.Equal("一", ((NoticePosted)(await store.LoadAsync("h", CancellationToken.None)).Events.Single()).Text);
        Assert.Equal("别的大厅", ((NoticePosted)(await store.LoadAsync("g", CancellationToken.None)).Events.Single()).Text);
    }

    [StoreFact]
    public async Task Two_writers_racing_for_the_same_seqs_land_once_and_the_other_is_refused()
    {
        await using var store = Open(NewLog());
        var first = store.AppendAsync("h", 1, [new NoticePosted("甲 1", At), new NoticePosted("甲 2", At)], CancellationToken.None);
        var second = store.AppendAsync("h", 2, [new NoticePosted("乙", At)], CancellationToken.None);
        var outcomes = await Task.WhenAll(Outcome(first), Outcome(second));
        Assert.Equal(1, outcomes.Count(o => o is SeqTakenException));
        Assert.Equal(1, outcomes.Count(o => o is null));
        var texts = (await store.LoadAsync("h", CancellationToken.None)).Events.Cast<NoticePosted>().Select(n => n.Text).ToList();
        Assert.True(texts.SequenceEqual(["甲 1", "甲 2"]) || texts.SequenceEqual(["乙"]), string.Join(", ", texts));
    }

    [StoreFact]
    public async Task A_snapshot_replaces_the_events_before_it_on_load()
    {
        var config = Queue.Silo.Halls.HallConfigFiles.Load(Path.Combine(SiloProcess.SeedsFolder, "shadaogou.hall.json"));
        var state = new HallState(config);
        var events = new List<HallEvent> { new DayStarted(new DateOnly(2026, 11, 23), At), new WindowOpened(1, "c1", At) };
        await using var store = Open(NewLog());
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

    [StoreFact]
    public async Task A_halls_events_in_a_time_range_read_back_newest_first_up_to_the_limit_and_by_kind_or_actor()
    {
        var log = NewLog();
        DateTimeOffset Minute(int m) => At.AddMinutes(m);
        await using (var store = Open(log))
        {
            await store.AppendAsync("h", 1, [new DayStarted(new DateOnly(2026, 11, 23), Minute(0))], CancellationToken.None);
            await store.AppendAsync("h", 2, [new WindowOpened(1, "c1", Minute(1)) { By = "user:c1" }], CancellationToken.None);
            // Two events of one command share their time; seq orders them.
            await store.AppendAsync("h", 3, [new TicketCalled("t1", 1, "c1", Minute(2)) { By = "user:c1" },
                new TicketRecalled("t1", 1, Minute(2)) { By = "user:c1" }], CancellationToken.None);
            // Written in Shanghai time: the range is about the instant, not how it was written.
            await store.AppendAsync("h", 5, [new NoticePosted("通知", Minute(3).ToOffset(TimeSpan.FromHours(8))) { By = "user:m1", Why = "停电" }],
                CancellationToken.None);
            await store.AppendAsync("h", 6, [new WindowPaused(1, Minute(4)) { By = "user:c1" }], CancellationToken.None);
            await store.AppendAsync("other", 1, [new WindowOpened(1, "c1", Minute(2)) { By = "user:c1" }], CancellationToken.None);
        }
        await using var reopened = Open(log);
        Task<IReadOnlyList<LoggedEvent>> Read(EventRange range) => reopened.ReadAsync("h", range, CancellationToken.None);

        var range = await Read(new EventRange(Minute(1), Minute(4), 10));
        Assert.Equal([5L, 4, 3, 2], range.Select(e => e.Seq));
        Assert.Equal(["NoticePosted", "TicketRecalled", "TicketCalled", "WindowOpened"], range.Select(e => EventJson.Kind(e.Event)));
        var notice = Assert.IsType<NoticePosted>(range[0].Event);
        Assert.Equal(("user:m1", "停电", Minute(3)), (notice.By, notice.Why, notice.At));

        Assert.Equal([6L, 5], (await Read(new EventRange(Minute(0), Minute(10), 2))).Select(e => e.Seq));
        Assert.Equal([6L, 4, 3, 2], (await Read(new EventRange(Minute(0), Minute(10), 10, By: "user:c1"))).Select(e => e.Seq));
        Assert.Equal([3L], (await Read(new EventRange(Minute(0), Minute(10), 10, Kind: "TicketCalled", By: "user:c1"))).Select(e => e.Seq));
        Assert.Empty(await Read(new EventRange(Minute(0), Minute(10), 10, By: "user:c9")));
        Assert.Empty(await Read(new EventRange(Minute(5), Minute(10), 10)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Read(new EventRange(Minute(0), Minute(10), 0)));

        // A projection catching up: oldest first from where it last read, up to its batch, or one kind only.
        Task<IReadOnlyList<LoggedEvent>> After(long seq, int limit, string? kind = null) => reopened.ReadAfterAsync("h", seq, limit, kind, CancellationToken.None);
        Assert.Equal([3L, 4, 5], (await After(2, 3)).Select(e => e.Seq));
        Assert.Equal([6L], (await After(5, 10)).Select(e => e.Seq));
        Assert.Equal([3L], (await After(0, 10, "TicketCalled")).Select(e => e.Seq));
        Assert.Empty(await After(6, 10));
    }

    [StoreFact]
    public async Task A_purge_removes_names_and_phones_of_appointments_past_their_slot_from_events_and_snapshots()
    {
        var config = Queue.Silo.Halls.HallConfigFiles.Load(Path.Combine(SiloProcess.SeedsFolder, "shadaogou.hall.json"));
        var cutoff = At.AddDays(-30);
        // The slot in the hall's own offset, as a manager's console sends it: the store compares instants, not text.
        var endedLocal = cutoff.AddMinutes(-1).ToOffset(TimeSpan.FromHours(8));
        var old = new AppointmentBooked("OLDCODE1", ["general"], [], endedLocal.AddMinutes(-30), endedLocal, endedLocal.AddDays(-2))
            { Name = "sealed-name-old", Phone = "sealed-phone-old" };
        var recent = new AppointmentBooked("NEWCODE1", ["general"], [], cutoff.AddMinutes(1), cutoff.AddMinutes(31), cutoff.AddDays(-2))
            { Name = "sealed-name-new", Phone = "sealed-phone-new" };
        var log = NewLog();
        await using (var store = Open(log))
        {
            await store.AppendAsync("only-events", 1, [old, recent], CancellationToken.None);
            await store.AppendAsync(config.Id, 1, [old, recent], CancellationToken.None);
            var state = new HallState(config);
            state.Apply(old);
            state.Apply(recent);
            await store.SaveSnapshotAsync(config.Id, state.ToSnapshot(), CancellationToken.None);

            Assert.Equal(new PersonalDataPurged(2, 1), await store.PurgePersonalDataAsync(cutoff, CancellationToken.None));
            Assert.Equal(new PersonalDataPurged(0, 0), await store.PurgePersonalDataAsync(cutoff, CancellationToken.None));
        }
        await using var reopened = Open(log);
        var events = (await reopened.LoadAsync("only-events", CancellationToken.None)).Events.Cast<AppointmentBooked>().ToList();
        Assert.Equal([("OLDCODE1", null, null), ("NEWCODE1", "sealed-name-new", "sealed-phone-new")], events.Select(e => (e.Code, e.Name, e.Phone)));
        Assert.Equal((old.SlotEnd, "general"), (events[0].SlotEnd, Assert.Single(events[0].Route)));
        var snapshot = (await reopened.LoadAsync(config.Id, CancellationToken.None)).Snapshot!;
        Assert.Equal([("OLDCODE1", null, null), ("NEWCODE1", "sealed-name-new", "sealed-phone-new")],
            snapshot.Appointments.OrderBy(a => a.Code != "OLDCODE1").Select(a => (a.Code, a.Name, a.Phone)));
        Assert.Equal(2, HallState.FromSnapshot(config, snapshot).Appointments.Count);
    }

    [StoreFact(Outage = true)]
    public async Task After_a_failed_append_the_store_says_so_and_a_probe_and_the_next_append_land_once_it_recovers()
    {
        using var outage = NewBreakableLog();
        await using var store = Open(outage.Log);
        await store.AppendAsync("h", 1, [new NoticePosted("一", At)], CancellationToken.None);

        outage.Begin();
        var failed = await Assert.ThrowsAnyAsync<Exception>(() => store.AppendAsync("h", 2, [new NoticePosted("失败", At)], CancellationToken.None));
        Assert.IsNotType<SeqTakenException>(failed);
        Assert.NotNull(store.Failure);
        await Assert.ThrowsAnyAsync<Exception>(() => store.ProbeAsync(CancellationToken.None));

        outage.End();
        await store.ProbeAsync(CancellationToken.None);
        Assert.Null(store.Failure);
        await store.AppendAsync("h", 2, [new NoticePosted("二", At)], CancellationToken.None);
        Assert.Equal(["一", "二"], (await store.LoadAsync("h", CancellationToken.None)).Events.Cast<NoticePosted>().Select(n => n.Text));
    }

    private static async Task<Exception?> Outcome(Task append)
    {
        try { await append; return null; }
        catch (Exception e) { return e; }
    }
}

[SqliteLog]
public sealed class SqliteEventStoreTests : EventStoreTests<SqliteEventStore>
{
    protected override string NewLog() => Path.Combine(Path.GetTempPath(), $"queue-store-{Guid.NewGuid():N}", "queue.db");
    protected override SqliteEventStore Open(string log) => new(log);
    protected override (long Commits, long Appends) Counts(SqliteEventStore store) => (store.Commits, store.Appends);
    protected override Outage NewBreakableLog() => new FullDisk(new SmallDisk(2));

    [StoreFact]
    public async Task A_purged_name_and_phone_are_overwritten_in_the_file_not_left_in_its_free_space()
    {
        var slotEnd = new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.Zero);
        // As long as real sealed values (Data Protection ciphertext): longer than the rest of the event, so the shorter
        // row written over the old one cannot cover them by chance.
        var (name, phone) = ("sealed-name-7f3a" + new string('n', 300), "sealed-phone-9c2e" + new string('p', 300));
        var log = NewLog();
        await using (var store = Open(log))
        {
            await store.AppendAsync("h", 1, [
                new AppointmentBooked("OLDCODE1", ["general"], [], slotEnd.AddHours(-1), slotEnd, slotEnd.AddDays(-1)) { Name = name, Phone = phone }],
                CancellationToken.None);
            Assert.Equal(new PersonalDataPurged(1, 0), await store.PurgePersonalDataAsync(slotEnd.AddDays(1), CancellationToken.None));
        }
        var bytes = new[] { log, log + "-wal" }.Where(File.Exists).SelectMany(File.ReadAllBytes).ToArray();
        Assert.True(bytes.AsSpan().IndexOf("OLDCODE1"u8) >= 0, "the appointment itself is not in the file: the scan would prove nothing");
        Assert.True(bytes.AsSpan().IndexOf("sealed-name-7f3a"u8) < 0 && bytes.AsSpan().IndexOf("sealed-phone-9c2e"u8) < 0, "the purged values are still in the file");
    }

    private sealed class FullDisk(SmallDisk disk) : Outage(Path.Combine(disk.Folder, "queue.db"))
    {
        public override void Begin() => disk.Fill();
        public override void End() => disk.Free();
        public override void Dispose() => disk.Dispose();
    }
}

[PostgresLog]
public sealed class PostgresEventStoreTests : EventStoreTests<PostgresEventStore>
{
    protected override string NewLog() => TestPostgres.NewDatabase();
    protected override PostgresEventStore Open(string log) => new(log);
    protected override (long Commits, long Appends) Counts(PostgresEventStore store) => (store.Commits, store.Appends);
    protected override Outage NewBreakableLog() => new RefusingServer(TestPostgres.NewDatabase());

    private sealed class RefusingServer(string log) : Outage(log)
    {
        public override void Begin() => TestPostgres.Refuse(Log);
        public override void End() => TestPostgres.Allow(Log);
    }
}
