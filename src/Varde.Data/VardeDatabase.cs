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
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        builder.AddInterceptors(AppendOnlyGuard.Instance);
        return builder;
    }

    public static DbContextOptions<VardeDbContext> Options(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<VardeDbContext>)Configure(new DbContextOptionsBuilder<VardeDbContext>(), provider, connectionString).Options;
}
