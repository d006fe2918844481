using System.Globalization;
using System.Text.Json;
using Orleans.Storage;
using Queue.Contracts;

namespace Queue.Silo.Storage;

/// <summary>
/// Orleans grain state in the same store as the halls' logs (one file or one database to back up), as versioned
/// records: the ETag is the version, so a stale or second activation writing is refused, never merged. Used for what
/// is not a hall's day: accounts and each hall's devices.
/// </summary>
public sealed class StoredGrainState(IEventStore store) : IGrainStorage
{
    public const string Name = "records";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { WireJson.Enums() } };

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await store.ReadRecordAsync(Key(stateName, grainId), CancellationToken.None) is not { } r) return;
        grainState.State = JsonSerializer.Deserialize<T>(r.Json, Json)!;
        grainState.ETag = r.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var version = grainState.ETag is { } e ? long.Parse(e, CultureInfo.InvariantCulture) + 1 : 1;
        try
        {
            await store.WriteRecordAsync(Key(stateName, grainId), version, JsonSerializer.Serialize(grainState.State, Json), CancellationToken.None);
        }
        catch (VersionTakenException taken)
        {
            throw new InconsistentStateException(taken.Message, grainState.ETag, (version + 1).ToString(CultureInfo.InvariantCulture));
        }
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        throw new NotSupportedException("Accounts and devices are disabled or revoked, never erased: the audit names them.");

    private static string Key(string stateName, GrainId id) => $"{stateName}/{id}";
}

public static class StoredGrainStates
{
    /// <summary>Writes the grain's changed state; answered only once stored. When the write fails (a full disk, or another
    /// activation wrote first) the grain leaves memory, so the next call reads what the store really holds.</summary>
    public static async Task Store<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception)
        {
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
