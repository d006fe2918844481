using System.Globalization;
using System.Text.Json;
using Queue.Contracts;
using Queue.Hall;
using Queue.Silo.Halls;
using Queue.Silo.Storage;

namespace Queue.Silo.Stats;

/// <summary>
/// Owns one hall's figures. The log is the record: the grain reads it from its own watermark in batches and folds it
/// through <see cref="HallFigures"/>. Each finished day is written once as a record ("figures:{hall}:{yyyy-MM-dd}"), and
/// with it where the next day starts ("figures:{hall}:progress": the seq of its DayStarted and what it carries over),
/// so an activation rereads at most today's events, and a month's query reads 30 small records, never the log.
/// </summary>
public sealed class HallFiguresGrain(IEventStore store, HallCatalog catalog, ILogger<HallFiguresGrain> logger) : Grain, IHallFiguresGrain
{
    private const int Batch = 2000;
    private static readonly TimeSpan RingDelay = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HallConfig _config = null!;
    private HallFigures _figures = null!;
    private long _seq;
    private long _progressVersion;
    private IGrainTimer? _ring;
    /// <summary>Finished days as read or built: they never change.</summary>
    private readonly Dictionary<DateOnly, DayFigures?> _days = [];

    private string HallId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken ct)
    {
        _config = catalog.Find(HallId) ?? throw new InvalidOperationException($"Hall '{HallId}' is not in the catalog.");
        var progress = await store.ReadRecordAsync(ProgressKey, ct);
        var saved = progress is null ? null : JsonSerializer.Deserialize<FiguresProgress>(progress.Json, Json);
        _progressVersion = progress?.Version ?? 0;
        _seq = saved?.Seq ?? 0;
        _figures = new HallFigures(_config, saved?.Carry);
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
        while (true)
        {
            var batch = await store.ReadAfterAsync(HallId, _seq, Batch, null, CancellationToken.None);
            foreach (var logged in batch)
            {
                var finished = _figures.Apply(logged.Event);
                _seq = logged.Seq;
                if (finished is null) continue;
                // Serialized before anything is awaited: the carry is the state right after this DayStarted.
                var progress = JsonSerializer.Serialize(new FiguresProgress(_seq, _figures.Carry()), Json);
                await WriteDay(finished);
                await WriteProgress(progress);
            }
            if (batch.Count < Batch) return;
        }
    }

    private async Task<DayFigures?> Day(DateOnly date)
    {
        if (_days.TryGetValue(date, out var day)) return day;
        var record = await store.ReadRecordAsync(DayKey(date), CancellationToken.None);
        day = record is null ? null : JsonSerializer.Deserialize<DayFigures>(record.Json, Json);
        // A day without a record may still be to come; only finished ones are kept.
        if (day is not null) _days[date] = day;
        return day;
    }

    private async Task WriteDay(DayFigures day)
    {
        _days[day.Date] = day;
        try
        {
            await store.WriteRecordAsync(DayKey(day.Date), 1, JsonSerializer.Serialize(day, Json), CancellationToken.None);
        }
        catch (VersionTakenException)
        {
            // Written already, before this activation's progress was: the same log gave the same figures.
        }
    }

    private async Task WriteProgress(string json)
    {
        try
        {
            await store.WriteRecordAsync(ProgressKey, _progressVersion + 1, json, CancellationToken.None);
            _progressVersion++;
        }
        catch (VersionTakenException)
        {
            // Another activation moved on: this one's copy is stale; the next call starts from what is stored.
            DeactivateOnIdle();
            throw;
        }
    }

    private string ProgressKey => $"figures:{HallId}:progress";
    private string DayKey(DateOnly date) => $"figures:{HallId}:{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>Where the current day's events begin in the log, and what the projection carries into it.</summary>
public sealed record FiguresProgress(long Seq, FiguresCarry Carry);
