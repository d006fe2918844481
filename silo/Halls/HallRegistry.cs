using Queue.Contracts;
using System.Collections.Frozen;
using Queue.Hall;
using Queue.Silo.Storage;

namespace Queue.Silo.Halls;

/// <summary>The halls this silo hosts, each behind its own mailbox; commands for different halls run in parallel.</summary>
public sealed class HallRegistry
{
    private FrozenDictionary<string, HallMailbox> _halls = FrozenDictionary<string, HallMailbox>.Empty;

    public IReadOnlyCollection<HallMailbox> All => _halls.Values;
    public int Count => _halls.Count;
    public bool IsReady { get; private set; }

    public HallMailbox? Find(string hallId) => _halls.GetValueOrDefault(hallId);

    /// <summary>Rebuilds every hall from its log; several at a time, since each only reads its own rows.</summary>
    public async Task LoadAsync(IEnumerable<HallConfig> configs, IEventStore store, TimeProvider clock, IHallListener listener, CancellationToken ct)
    {
        var loaded = new System.Collections.Concurrent.ConcurrentDictionary<string, HallMailbox>();
        await Parallel.ForEachAsync(configs, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (config, token) =>
            loaded[config.Id] = await HallMailbox.LoadAsync(config, store, clock, listener, token));
        _halls = loaded.ToFrozenDictionary();
        IsReady = true;
    }
}
