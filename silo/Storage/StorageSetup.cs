using Microsoft.Extensions.Options;

namespace Queue.Silo.Storage;

public static class StorageSetup
{
    /// <summary>The event log: SQLite by default.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("Storage")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Storage:Path is required").ValidateOnStart();
        builder.Services.AddSingleton<IEventStore>(sp => new SqliteEventStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path,
            sp.GetRequiredService<TimeProvider>()));
        return builder;
    }
}


/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    /// <summary>The SQLite file of the event log.</summary>
    public string Path { get; set; } = "data/queue.db";
}
