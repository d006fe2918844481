using System.Globalization;
using System.Text.Json;
using Queue.Silo.Storage;

namespace Queue.Silo.Stats;

/// <summary>
/// One hall's figures as stored: each finished day once ("figures:{hall}:{yyyy-MM-dd}"), and where the next day starts
/// ("figures:{hall}:progress": the seq of its DayStarted and what the projection carries into it).
/// </summary>
public sealed class FigureRecords(IEventStore store, string hallId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private long _progressVersion;

    public async Task<FiguresProgress?> ReadProgress()
    {
        var record = await store.ReadRecordAsync(ProgressKey, CancellationToken.None);
        _progressVersion = record?.Version ?? 0;
        return record is null ? null : JsonSerializer.Deserialize<FiguresProgress>(record.Json, Json);
    }

    /// <summary>The day's figures, or null when no record was written for it (the hall did not open, or the day is not over).</summary>
    public async Task<DayFigures?> ReadDay(DateOnly date) =>
        await store.ReadRecordAsync(DayKey(date), CancellationToken.None) is { } record ? JsonSerializer.Deserialize<DayFigures>(record.Json, Json) : null;

    /// <summary>Taken as JSON at once: the caller's projection moves on while the write is awaited.</summary>
    public static string Serialize(FiguresProgress progress) => JsonSerializer.Serialize(progress, Json);

    public async Task WriteDay(DayFigures day)
    {
        try
        {
            await store.WriteRecordAsync(DayKey(day.Date), 1, JsonSerializer.Serialize(day, Json), CancellationToken.None);
        }
        catch (VersionTakenException)
        {
            // Written already, before the progress after it was: the same log gave the same figures.
        }
    }

    /// <summary>Fails with <see cref="VersionTakenException"/> when another activation moved on since this one read it.</summary>
    public async Task WriteProgress(string json)
    {
        await store.WriteRecordAsync(ProgressKey, _progressVersion + 1, json, CancellationToken.None);
        _progressVersion++;
    }

    private string ProgressKey => $"figures:{hallId}:progress";
    private string DayKey(DateOnly date) => $"figures:{hallId}:{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>Where the current day's events begin in the log, and what the projection carries into it.</summary>
public sealed record FiguresProgress(long Seq, FiguresCarry Carry);
