using Orleans.Serialization.Cloning;

namespace Queue.Silo.Grains;

/// <summary>
/// Our commands, answers and views are immutable records built fresh for every call, so a grain call inside a silo
/// passes them as they are. Orleans would otherwise copy each one through a JSON round trip (benchmarks/results).
/// </summary>
internal sealed class ImmutableRecords : IGeneralizedCopier
{
    public bool IsSupportedType(Type type) => HallsSetup.IsOurs(type);

    public object? DeepCopy(object? input, CopyContext context) => input;
}
