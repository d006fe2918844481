using Microsoft.Extensions.Options;

namespace Queue.Silo.Storage;

public static class StorageSetup
{
    /// <summary>The event log: SQLite by default, PostgreSQL when <c>Storage:Postgres</c> is set.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration("Storage")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path) || !string.IsNullOrWhiteSpace(o.Postgres), "Storage:Path is required")
            .ValidateOnStart();
        builder.Services.AddSingleton<IEventStore>(sp =>
        {
            var (options, clock) = (sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetRequiredService<TimeProvider>());
            return string.IsNullOrWhiteSpace(options.Postgres)
                ? new SqliteEventStore(options.Path, clock)
                : new PostgresEventStore(options.Postgres, clock);
        });
        return builder;
    }
}

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    /// <summary>The SQLite file of the event log.</summary>
    public string Path { get; set; } = "data/queue.db";

    /// <summary>An Npgsql connection string; when set, the log is in that PostgreSQL database (a cluster's silos share it) instead of SQLite.</summary>
    public string? Postgres { get; set; }
}
