using Microsoft.Data.Sqlite;

namespace Queue.Silo.Storage;

/// <summary>
/// Copies of the SQLite log through SQLite's online backup: a backup is one consistent moment of every hall (and of
/// the accounts and devices) taken while the silo keeps writing; a restore puts such a copy back under a stopped silo.
/// </summary>
public static class SqliteBackup
{
    /// <summary>What a copy holds, to tell the operator it is the hall data they expect.</summary>
    public sealed record Contents(long Events, long Halls);

    /// <summary>Copies the live log at <paramref name="store"/> to <paramref name="target"/>, as one file (no -wal
    /// beside it) checked by SQLite. Written beside the target first: an interrupted backup never looks complete.</summary>
    public static Contents Backup(string store, string target)
    {
        if (!File.Exists(store)) throw new FileNotFoundException($"No event store at {Path.GetFullPath(store)}.");
        var partial = target + ".partial";
        File.Delete(partial);
        // Hall data (tickets, password hashes) is for the service user alone, as the store itself is (0700 folder).
        OwnerOnlyFiles.Own(partial, create: true);
        using (var source = Open(store, SqliteOpenMode.ReadWrite))   // a WAL reader writes its -shm
        using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(copy);
            SqliteEventStore.Execute(copy, "PRAGMA journal_mode=DELETE");
        }
        var contents = Check(partial);
        File.Move(partial, target, overwrite: true);
        return contents;
    }

    /// <summary>Replaces the log at <paramref name="store"/> with the copy at <paramref name="backup"/>. Refused while
    /// any process has the store open: a running silo would go on from the hall state it holds in memory.</summary>
    public static Contents Restore(string backup, string store)
    {
        if (!File.Exists(backup)) throw new FileNotFoundException($"No backup at {Path.GetFullPath(backup)}.");
        var contents = Check(backup);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(store))!);
        using var target = Open(store, SqliteOpenMode.ReadWriteCreate);
        // Exclusive locking before the first access: SQLite then takes the file for itself, which fails while another
        // connection (a silo's) has it open, even idle. The copy then goes in through this connection, -wal and all.
        SqliteEventStore.Execute(target, "PRAGMA locking_mode=EXCLUSIVE");
        try { SqliteEventStore.Execute(target, "BEGIN EXCLUSIVE; COMMIT;"); }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)   // SQLITE_BUSY
        {
            throw new StoreInUseException(store);
        }
        using (var source = Open(backup, SqliteOpenMode.ReadOnly)) source.BackupDatabase(target);
        return contents;
    }

    /// <summary>The copy is sound (integrity_check) and is a hall log, with what it holds.</summary>
    private static Contents Check(string file)
    {
        using var c = Open(file, SqliteOpenMode.ReadOnly);
        using var check = c.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        if (check.ExecuteScalar() as string != "ok") throw new InvalidDataException($"{file} fails SQLite's integrity check.");
        using var count = c.CreateCommand();
        count.CommandText = "SELECT count(*), count(DISTINCT hall_id) FROM hall_event";
        try
        {
            using var r = count.ExecuteReader();
            r.Read();
            return new Contents(r.GetInt64(0), r.GetInt64(1));
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"{file} is not a hall event log: {e.Message}");
        }
    }

    // Unpooled: each file must really be closed when a step ends (the copy is renamed, the store handed back). A busy
    // file is retried for 2 s, not Microsoft.Data.Sqlite's 30: a silo holding the store does not let go.
    private static SqliteConnection Open(string file, SqliteOpenMode mode)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false, DefaultTimeout = 2 }.ToString());
        c.Open();
        return c;
    }
}

/// <summary>A restore found the store open in another process: the silo still runs.</summary>
public sealed class StoreInUseException(string store)
    : Exception($"The event store {Path.GetFullPath(store)} is open in another process: stop the silo first.");
