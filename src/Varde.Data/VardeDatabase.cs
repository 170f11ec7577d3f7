using Microsoft.EntityFrameworkCore;

namespace Varde.Data;

/// <summary>Configures EF Core for the chosen provider, with that provider's migrations assembly.</summary>
public static class VardeDatabase
{
    public const string SqliteMigrationsAssembly = "Varde.Data.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Varde.Data.Migrations.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(Tuned(connectionString), o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        builder.AddInterceptors(AppendOnlyGuard.Instance);
        return builder;
    }

    /// <summary>
    /// The PostgreSQL connection string with Varde's defaults where it does not say otherwise: no <c>DISCARD ALL</c> when
    /// a pooled connection is returned (Varde keeps no session state: its advisory locks are transaction-level, it sets
    /// no session variables), and prepared statements for the hot queries, which then survive across requests.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        // What the string itself says (Npgsql's builder answers ContainsKey for every keyword it knows, set or not).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Says(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!Says("No Reset On Close", "NoResetOnClose"))
            builder.NoResetOnClose = true;
        if (!Says("Max Auto Prepare", "MaxAutoPrepare"))
            builder.MaxAutoPrepare = 100;
        if (!Says("Auto Prepare Min Usages", "AutoPrepareMinUsages"))
            builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    public static DbContextOptions<VardeDbContext> Options(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<VardeDbContext>)Configure(new DbContextOptionsBuilder<VardeDbContext>(), provider, connectionString).Options;
}
