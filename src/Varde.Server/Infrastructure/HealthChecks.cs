using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Varde.Data;

namespace Varde.Server.Infrastructure;

/// <summary>
/// /healthz: the process is alive. /readyz: and the database can take writes (SQLite: its write lock can be had;
/// PostgreSQL: a primary, not read-only), and the SQLite data folder has at least <c>Health:MinFreeDiskMegabytes</c>
/// (default 200) free. A load balancer sends nothing to a node that is not ready.
/// </summary>
public static class HealthChecks
{
    public const int DefaultMinFreeDiskMegabytes = 200;

    public static IHostApplicationBuilder AddVardeHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseTakesWrites>("database", tags: ["ready"]);
        return builder;
    }

    public static void MapVardeHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }

    private sealed class DatabaseTakesWrites(VardeDbContext db, DatabaseOptions options, IConfiguration configuration) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                if (options.Provider == DatabaseProvider.Sqlite)
                {
                    var file = Path.GetFullPath(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
                    var free = new DriveInfo(Path.GetDirectoryName(file)!).AvailableFreeSpace / (1024 * 1024);
                    var least = configuration.GetValue("Health:MinFreeDiskMegabytes", DefaultMinFreeDiskMegabytes);
                    if (free < least)
                        return HealthCheckResult.Unhealthy($"The data folder has {free} MB free, under the {least} MB Varde needs to take writes.");
                    // The write lock, taken and given back at once: fails when the file is read-only or held too long.
                    await db.Database.OpenConnectionAsync(cancellationToken);
                    try
                    {
                        await db.Database.ExecuteSqlRawAsync("BEGIN IMMEDIATE; ROLLBACK;", cancellationToken);
                    }
                    finally
                    {
                        await db.Database.CloseConnectionAsync();
                    }

                    return HealthCheckResult.Healthy();
                }

                var readOnly = await db.Database.SqlQueryRaw<bool>(
                    "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on' AS \"Value\"").SingleAsync(cancellationToken);
                return readOnly ? HealthCheckResult.Unhealthy("The database is read-only (a standby, or set read-only).") : HealthCheckResult.Healthy();
            }
            catch (Exception e) when (DbErrors.IsUnavailable(e) || e is InvalidOperationException or IOException)
            {
                return HealthCheckResult.Unhealthy("The database cannot take writes.");
            }
        }
    }
}
