using Queue.Contracts;
using Microsoft.Extensions.Options;
using Queue.Hall;
using Queue.Silo.Storage;

namespace Queue.Silo.Halls;

/// <summary>Rebuilds every hall from the log before the server takes its first request.</summary>
public sealed class HallLoader(HallRegistry registry, IEventStore store, TimeProvider clock, IHallListener listener,
    IOptions<HallOptions> options, IHostEnvironment env, ILogger<HallLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var folder = FindSeeds(options.Value.Seeds, env.ContentRootPath);
        IEnumerable<HallConfig> configs = HallConfigFiles.LoadDirectory(folder);
        if (options.Value.CopiesPerSeed > 0) configs = configs.SelectMany(c => HallConfigFiles.Copies(c, options.Value.CopiesPerSeed)).ToList();
        await registry.LoadAsync(configs, store, clock, listener, ct);
        logger.LogInformation("Loaded {Halls} halls from {Folder} in {Ms} ms", registry.Count, folder, (int)clock.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static string FindSeeds(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured) || Directory.Exists(configured)) return Path.GetFullPath(configured);
        var beside = Path.GetFullPath(Path.Combine(contentRoot, "..", configured));
        return Directory.Exists(beside) ? beside : Path.GetFullPath(configured);
    }
}
