using Queue.Hall;

namespace Queue.Silo.Grains;

/// <summary>
/// The refusals a hall gave keyed commands lately. A refusal writes nothing, so the log cannot answer a late copy of
/// the request: one that waited in a stalled silo's socket while its client's retry was refused, or a retry that
/// crossed its answer. This activation can: the same key with the same request gets the same refusal for
/// <see cref="Kept"/>, instead of being decided anew on a hall that has moved on (a clerk's call-next refused as
/// 窗口忙 must not call somebody a minute later). Another request under the key is new: nothing was done under it.
/// Our pages take a new key for every new attempt, so none of them is held to an old refusal.
/// </summary>
internal sealed class RefusedKeys
{
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(15);
    /// <summary>Enough for a hall's busiest quarter hour; past it the oldest are forgotten first.</summary>
    private const int MaxKept = 4096;
    private readonly Dictionary<string, (string Request, Refusal Refusal, DateTimeOffset At)> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();

    /// <summary>The refusal the same request under <paramref name="key"/> was given, or null.</summary>
    public Refusal? Find(string key, HallCommand command, DateTimeOffset now)
    {
        Forget(now);
        return _byKey.TryGetValue(key, out var r) && r.Request == Request(command) ? r.Refusal : null;
    }

    public void Remember(string key, HallCommand command, Refusal refusal, DateTimeOffset now)
    {
        _byKey[key] = (Request(command), refusal, now);
        _order.Enqueue((key, now));
        Forget(now);
    }

    private void Forget(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && (oldest.At < now - Kept || _order.Count > MaxKept))
        {
            _order.Dequeue();
            if (_byKey.TryGetValue(oldest.Key, out var r) && r.At == oldest.At) _byKey.Remove(oldest.Key);
        }
    }

    private static string Request(HallCommand c) => $"{CommandFingerprint.Kind(c)} {CommandFingerprint.Of(c)}";
}
