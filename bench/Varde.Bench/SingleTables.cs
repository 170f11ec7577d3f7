using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Varde.Data;

namespace Varde.Bench;

/// <summary>
/// For B3's same-run comparison (VARDE_BENCH_B3_COMPARE=1): a copy of a generated database with measurements and triage
/// records in one table each, the layout before ADR 0055 — the copy is migrated down past <c>MonthlyPartitions</c> (its
/// Down moves the rows back and makes the indexes of before), then that migration alone is marked applied again (any after it run up again), so the server
/// of the same commit starts on it without partitioning it (its month job leaves tables that are not partitioned alone).
/// With VARDE_BENCH_LAYOUT=single every benchmark's new database is made so (<see cref="Database.NewPostgresAsync"/>):
/// then B1 and the generator's rate can be set against a run without it.
/// </summary>
public static class SingleTables
{
    private const string Partitioning = "_MonthlyPartitions";

    public static async Task<Database> CopyAsync(Database partitioned, string name, CancellationToken ct)
    {
        var source = new NpgsqlConnectionStringBuilder(partitioned.ConnectionString).Database;
        NpgsqlConnection.ClearAllPools(); // a template may have no connections
        await using (var admin = new NpgsqlConnection(Database.AdminConnection))
        {
            await admin.OpenAsync(ct);
            // Copying a database of many gigabytes takes minutes: no command timeout.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name} TEMPLATE {source}", admin) { CommandTimeout = 0 };
            await drop.ExecuteNonQueryAsync(ct);
        }

        var copy = partitioned with { ConnectionString = new NpgsqlConnectionStringBuilder(partitioned.ConnectionString) { Database = name }.ConnectionString };
        await ConvertAsync(copy, ct);
        return copy;
    }

    /// <summary>Brings the database to the latest migration, then gives it single tables as described above.</summary>
    public static async Task ConvertAsync(Database database, CancellationToken ct)
    {
        await using var db = new VardeDbContext(VardeDatabase.Options(DatabaseProvider.Postgres, database.ConnectionString));
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(cancellationToken: ct);
        var migrations = db.Database.GetMigrations().ToList();
        var partitioning = migrations.FindIndex(m => m.EndsWith(Partitioning, StringComparison.Ordinal));
        if (partitioning < 1)
            throw new InvalidOperationException($"No migration {Partitioning} to go back past.");
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE bench_history AS SELECT * FROM \"__EFMigrationsHistory\" WITH NO DATA", ct);
        await db.Database.ExecuteSqlAsync($"INSERT INTO bench_history SELECT * FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {migrations[partitioning]}", ct);
        await migrator.MigrateAsync(migrations[partitioning - 1], ct);
        // Marked applied again (not run), and any migration after it run up again as it was.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsHistory\" SELECT * FROM bench_history; DROP TABLE bench_history", ct);
        await migrator.MigrateAsync(cancellationToken: ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
    }

    /// <summary>VARDE_BENCH_LAYOUT=single: every benchmark's PostgreSQL database starts with single tables (a run to set against one without it).</summary>
    public static bool Wanted => Environment.GetEnvironmentVariable("VARDE_BENCH_LAYOUT") == "single";
}
