using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Halls;
using Queue.Silo.Storage;

namespace Queue.Silo.Stats;

/// <summary>
/// Owns one hall's figures. The log is the record: the grain reads it from its own watermark in batches and folds it
/// through <see cref="HallFigures"/>. Each finished day is written once as a record, and with it where the next day
/// starts (<see cref="FigureRecords"/>), so an activation rereads at most today's events, and a month's query reads 30
/// small records (once per activation: finished days never change), never the log.
/// </summary>
public sealed class HallFiguresGrain(IEventStore store, HallCatalog catalog, ILogger<HallFiguresGrain> logger) : Grain, IHallFiguresGrain
{
    private const int Batch = 2000;
    private static readonly TimeSpan RingDelay = TimeSpan.FromSeconds(2);

    private HallConfig _config = null!;
    private FigureRecords _records = null!;
    private HallFigures _figures = null!;
    private long _seq;
    private IGrainTimer? _ring;
    private readonly Dictionary<DateOnly, DayFigures> _days = [];

    private string HallId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _config = catalog.Find(HallId) ?? throw new InvalidOperationException($"Hall '{HallId}' is not in the catalog.");
        _records = new FigureRecords(store, HallId);
        var progress = await _records.ReadProgress();
        _seq = progress?.Seq ?? 0;
        _figures = new HallFigures(_config, progress?.Carry);
    }

    public async Task<StatsView> Figures(DateOnly from, DateOnly to, string by)
    {
        await CatchUp();
        var days = new List<DayFigures>();
        for (var date = from; date <= to; date = date.AddDays(1))
            if ((date == _figures.Today?.Date ? _figures.Today : await Day(date)) is { } day) days.Add(day);
        return StatsReport.Build(_config, from, to, by, days);
    }

    public Task Ring()
    {
        // Many commands a second ring; one catch-up a moment later answers them all.
        if (_ring is not null) return Task.CompletedTask;
        _ring = this.RegisterGrainTimer(async _ =>
        {
            _ring?.Dispose();
            _ring = null;
            try { await CatchUp(); }
            catch (Exception e) { StatsLog.CatchUpFailed(logger, HallId, e); }
        }, new GrainTimerCreationOptions(RingDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        return Task.CompletedTask;
    }

    private async Task CatchUp()
    {
        await foreach (var logged in store.After(HallId, _seq, Batch))
        {
            var finished = _figures.Apply(logged.Event);
            _seq = logged.Seq;
            if (finished is null) continue;
            // Taken before anything is awaited: the carry is the state right after this DayStarted.
            var progress = FigureRecords.Serialize(new FiguresProgress(_seq, _figures.Carry()));
            _days[finished.Date] = finished;
            await _records.WriteDay(finished);
            try { await _records.WriteProgress(progress); }
            catch (VersionTakenException)
            {
                // Another activation moved on: this one is stale; the next call starts from what is stored.
                DeactivateOnIdle();
                throw;
            }
        }
    }

    private async Task<DayFigures?> Day(DateOnly date)
    {
        if (_days.TryGetValue(date, out var day)) return day;
        // A day without a record may still be to come (or the hall was closed); only days read are kept.
        if (await _records.ReadDay(date) is { } read) _days[date] = day = read;
        return day;
    }
}
