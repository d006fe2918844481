using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Sums the GC's AllocationTick events (one about every 100 KB allocated, naming the type that crossed the mark) of a
// `dotnet-trace collect --profile gc-verbose` file by type: what the process allocated, by share of bytes.
// usage: AllocationTypes trace.nettrace [N]
var bytes = new Dictionary<string, long>();
long total = 0;
using (var source = new EventPipeEventSource(args[0]))
{
    source.Clr.GCAllocationTick += (GCAllocationTickTraceData e) =>
    {
        var name = e.TypeName ?? "?";
        bytes[name] = bytes.GetValueOrDefault(name) + e.AllocationAmount64;
        total += e.AllocationAmount64;
    };
    source.Process();
}
Console.WriteLine($"{total / 1e6:0.0} MB sampled\n\n| type | % of bytes |\n|---|---:|");
foreach (var (type, b) in bytes.OrderByDescending(p => p.Value).Take(args.Length > 1 ? int.Parse(args[1]) : 25))
    Console.WriteLine($"| `{type.Replace("|", "/")}` | {100.0 * b / total:0.0} |");
