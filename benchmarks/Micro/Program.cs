using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Queue.Benchmarks;

// dotnet run -c Release --project benchmarks/Micro -- --filter '*'      every scenario (about 8 minutes on 2 cores)
// dotnet run -c Release --project benchmarks/Micro -- --resident        bytes a hall keeps resident over a day
if (args.Contains("--resident"))
{
    Resident.Print();
    return;
}

// Few iterations so a full run fits in minutes on 2 cores; three warm-ups and nine measured iterations of at
// least 250 ms each keep the error column small enough to read ratios. In process, because BenchmarkDotNet's
// generated project must be named like the assembly (Micro.csproj builds Queue.Benchmarks).
var job = Job.Default.WithWarmupCount(3).WithIterationCount(9)
    .WithMinIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
    .WithToolchain(InProcessEmitToolchain.Instance).WithId("Short2Core");
var config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(StatisticColumn.P95)
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"))
    .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
BenchmarkSwitcher.FromAssembly(typeof(Halls).Assembly).Run(args, config);
