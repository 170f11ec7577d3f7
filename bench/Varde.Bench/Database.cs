using Npgsql;

namespace Varde.Bench;

/// <summary>A fresh database for one benchmark: a new PostgreSQL database in the bench cluster, or a new SQLite file.</summary>
public sealed record Database(string Provider, string ConnectionString, string WorkingDirectory)
{
    public static string AdminConnection => Environment.GetEnvironmentVariable("VARDE_BENCH_POSTGRES")
        ?? throw new InvalidOperationException("VARDE_BENCH_POSTGRES is not set; run ./bench.sh, which starts its own PostgreSQL.");

    public static async Task<Database> NewPostgresAsync(string name, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(AdminConnection))
        {
            await admin.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        var cs = new NpgsqlConnectionStringBuilder(AdminConnection) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        var database = new Database("Postgres", cs, Work(name));
        if (SingleTables.Wanted)
            await SingleTables.ConvertAsync(database, ct);
        return database;
    }

    public static Database NewSqlite(string name)
    {
        var folder = Work(name);
        var file = Path.Combine(folder, "varde.db");
        foreach (var f in Directory.GetFiles(folder, "varde.db*"))
            File.Delete(f);
        return new Database("Sqlite", $"Data Source={file}", folder);
    }

    private static string Work(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "varde-bench", name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
