using System.Diagnostics;
using Queue.Silo.Storage;

namespace Queue.Silo.Hosting;

/// <summary>
/// <c>Queue.Silo backup FILE</c> and <c>Queue.Silo restore FILE</c>: the installer's commands for the hall data, run
/// as the service user with the same settings as the service (appsettings, /etc/queue, --Key=value after FILE), so
/// they find its Storage:Path by themselves. A backup runs beside the live silo (a cron job); a restore wants it stopped.
/// </summary>
public sealed record StoreCommand(string Verb, string File, string[] Settings)
{
    /// <summary>The command the arguments name, or null when they are a silo's settings.</summary>
    public static StoreCommand? Parse(string[] args) =>
        args is [("backup" or "restore") and var verb, var file, .. var rest] && !file.StartsWith('-') ? new(verb, file, rest) : null;

    /// <summary>Runs it and returns the exit code: 0 done, 1 refused (with why on stderr), 2 not for this store.</summary>
    public int Run(IConfiguration config)
    {
        var storage = config.GetSection("Storage").Get<StorageOptions>() ?? new();
        if (!string.IsNullOrWhiteSpace(storage.Postgres))
        {
            Console.Error.WriteLine("事件存储在 PostgreSQL（Storage:Postgres）：请用 pg_dump / pg_restore 备份与恢复。 / The log is in PostgreSQL: use pg_dump and pg_restore.");
            return 2;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            var (contents, zh, en) = Verb == "backup"
                ? (SqliteBackup.Backup(storage.Path, File), "已备份", "Backed up")
                : (SqliteBackup.Restore(File, storage.Path), "已恢复", "Restored");
            var (from, to) = Verb == "backup" ? (storage.Path, File) : (File, storage.Path);
            Console.WriteLine($"{zh} {contents.Halls} 个大厅的 {contents.Events} 条事件：{Path.GetFullPath(from)} → {Path.GetFullPath(to)} / " +
                $"{en} {contents.Events} events of {contents.Halls} halls in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or StoreInUseException or UnauthorizedAccessException
                                      or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine((Verb == "backup" ? "备份失败" : "恢复失败") + $" / {Verb} failed: {e.Message}");
            return 1;
        }
    }
}
