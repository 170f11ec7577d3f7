using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Features.Live;

namespace Varde.Server.Infrastructure;

/// <summary>Chooses SQLite (default, a file in the data folder) or PostgreSQL from configuration, and migrates on start.</summary>
public static class DatabaseSetup
{
    public static IHostApplicationBuilder AddVardeDatabase(this IHostApplicationBuilder builder)
    {
        var options = new DatabaseOptions
        {
            Provider = builder.Configuration.GetValue($"{DatabaseOptions.SectionName}:Provider", DatabaseProvider.Sqlite),
            ConnectionString = builder.Configuration.GetConnectionString("varde")
                ?? throw new InvalidOperationException("The connection string 'varde' (ConnectionStrings:varde) is not set."),
        };
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SqliteFiles>();
        builder.Services.AddSingleton<JobLeader>();
        if (options.Provider == DatabaseProvider.Postgres && builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<PartitionJobs>();
        // The options are built once (a context per request or writer group only takes them): building them per context
        // was 8 % of a single POST's allocations (EF's warnings table, the tuned connection string).
        builder.Services.AddDbContext<VardeDbContext>((services, o) =>
        {
            VardeDatabase.Configure(o, options.Provider, options.ConnectionString);
            if (services.GetService<OutboxNudge>() is { } nudge)
                o.AddInterceptors(nudge, new OutboxNudgeOnCommit(nudge));
        }, ServiceLifetime.Scoped, ServiceLifetime.Singleton);

        // The figures' reads: on a standby when ConnectionStrings:varde-read is given (PostgreSQL), else the usual context.
        var read = builder.Configuration.GetConnectionString(ReadDatabase.ConnectionString);
        var readOptions = options.Provider == DatabaseProvider.Postgres && !string.IsNullOrEmpty(read)
            ? VardeDatabase.Options(DatabaseProvider.Postgres, read)
            : null;
        builder.Services.AddKeyedScoped(ReadDatabase.Key, (services, _) => readOptions is null
            ? services.GetRequiredService<VardeDbContext>()
            : new VardeDbContext(readOptions));
        return builder;
    }

    /// <summary>
    /// Prepares the SQLite files (owner-only modes, one process: <see cref="SqliteFiles"/>), applies all migrations of the
    /// configured provider, adds the coming months' partitions on PostgreSQL (<see cref="MonthlyPartitions"/>), stores the public
    /// holidays, the questionnaires and plan templates Varde ships where a new installation has none (ADR 0025), and the
    /// steps as days of pathways stored before they were kept (<see cref="Features.Statistics.PathwayStepDaysBackfill"/>).
    /// </summary>
    public static async Task MigrateVardeDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var least = services.GetRequiredService<IConfiguration>().GetValue("Health:MinFreeDiskMegabytes", HealthChecks.DefaultMinFreeDiskMegabytes) / 4;
            services.GetRequiredService<SqliteFiles>().Prepare(options.ConnectionString, least);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var owner = services.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseRoles.OwnerConnectionString);
        try
        {
            if (options.Provider == DatabaseProvider.Postgres && !string.IsNullOrEmpty(owner))
                await DatabaseRoles.MigrateAsOwnerAsync(owner, options.ConnectionString, ct);
            else
                await db.Database.MigrateAsync(ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode is 10 or 13)
        {
            throw new StartupRefusedException($"The database could not be prepared: the disk is full or failing ({e.Message}). Free some space, then start Varde again.", e);
        }

        if (options.Provider == DatabaseProvider.Sqlite)
            SqliteFiles.Tighten(options.ConnectionString);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (options.Provider == DatabaseProvider.Postgres)
            await MonthlyPartitions.EnsureAndLogAsync(MonthlyPartitions.ConnectionString(services.GetRequiredService<IConfiguration>(), options), now,
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MonthlyPartitions)), ct);
        await Features.Triage.ServiceHours.EnsureHolidaysAsync(db, now, ct);
        await Features.Questionnaires.BuiltInQuestionnaires.EnsureAsync(db, now, ct);
        await Features.PlanTemplates.BuiltInPlanTemplates.EnsureAsync(db, now, ct);
        await Features.Statistics.PathwayStepDaysBackfill.EnsureAndLogAsync(db,
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Features.Statistics.PathwayStepDaysBackfill)), ct);
    }
}
