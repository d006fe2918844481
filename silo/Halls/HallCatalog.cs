using System.Collections.Frozen;
using Queue.Hall;

namespace Queue.Silo.Halls;

/// <summary>
/// The halls this deployment serves, as configured in the seed files: the same on every silo, read once at start.
/// A hall's state lives in its grain, activated on first use; this only says which halls exist.
/// </summary>
public sealed class HallCatalog(IEnumerable<HallConfig> configs)
{
    private readonly FrozenDictionary<string, HallConfig> _halls = configs.ToFrozenDictionary(c => c.Id);

    public IEnumerable<HallConfig> All => _halls.Values;
    public int Count => _halls.Count;
    public HallConfig? Find(string hallId) => _halls.GetValueOrDefault(hallId);
}
