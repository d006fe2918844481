using Npgsql;

namespace Queue.Silo.Tests.Storage;

/// <summary>
/// The PostgreSQL server the tests use, named by QUEUE_TEST_POSTGRES (tests/run.sh starts a throwaway one with
/// tests/postgres.sh). Under CI=true a missing server fails the tests; elsewhere they are skipped, saying how to run them.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "QUEUE_TEST_POSTGRES";
    private static string? Configured => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static string? SkipReason => Configured is null && Environment.GetEnvironmentVariable("CI") != "true"
        ? $"{Variable} is not set: start a server with `bash tests/postgres.sh start DIR` and export what it prints (tests/run.sh does)"
        : null;

    private static string Server => Configured
        ?? throw new InvalidOperationException($"{Variable} is not set, and CI runs the PostgreSQL tests: tests/run.sh starts a server with tests/postgres.sh.");

    /// <summary>A new empty database for one test; a restart in the test reopens the same one.</summary>
    public static string NewDatabase()
    {
        var name = $"queue_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>The database refuses new sessions and its open ones are ended, as when its server goes away.</summary>
    public static void Refuse(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        Admin($"ALTER DATABASE {name} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
    }

    public static void Allow(string connectionString) =>
        Admin($"ALTER DATABASE {new NpgsqlConnectionStringBuilder(connectionString).Database} ALLOW_CONNECTIONS true");

    private static void Admin(string sql)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Pooling = false }.ConnectionString);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}
