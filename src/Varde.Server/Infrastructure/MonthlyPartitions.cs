using System.Globalization;
using Npgsql;
using Varde.Data;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Adds the months ahead to the PostgreSQL tables partitioned by month (measurements and triage records, ADR 0055):
/// this month and the next <see cref="MonthsAhead"/>, at start and daily (<see cref="PartitionJobs"/>), so the default
/// partition, which takes any row no month holds, stays empty. Creating a table needs the tables' owner: the owner's
/// connection string when one is given (<see cref="DatabaseRoles"/>), else Varde's own.
/// </summary>
public static partial class MonthlyPartitions
{
    public const int MonthsAhead = 3;

    public static readonly IReadOnlyList<string> Tables = ["measurements", "triage_records"];

    /// <summary>
    /// Creates the months missing from now to <see cref="MonthsAhead"/> ahead. A month whose rows the default partition
    /// already holds is left out (<see cref="Ensured.Blocked"/>): the rows are found as before, only not in their month's
    /// partition (docs/operations.md "Partitions").
    /// </summary>
    /// <exception cref="PostgresException">The role may not create tables (42501).</exception>
    public static async Task<Ensured> EnsureAsync(string connectionString, DateTimeOffset now, CancellationToken ct)
    {
        var created = new List<string>();
        var blocked = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var thisMonth = new DateOnly(now.UtcDateTime.Year, now.UtcDateTime.Month, 1);
        foreach (var table in Tables)
            for (var month = 0; month <= MonthsAhead; month++)
            {
                await using var add = new NpgsqlCommand("SELECT varde_add_month_partition(@table, @month)", connection);
                add.Parameters.AddWithValue("table", table);
                add.Parameters.AddWithValue("month", thisMonth.AddMonths(month));
                try
                {
                    if (await add.ExecuteScalarAsync(ct) is string partition)
                        created.Add(partition);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
                {
                    blocked.Add($"{table}_{thisMonth.AddMonths(month):yyyy_MM}");
                }
            }

        return new Ensured(created, blocked);
    }

    /// <summary>
    /// Gives the months from <paramref name="firstMonth"/> their own partitions where the partition before the first month
    /// is still empty (a new database about to be filled with a past, as the generator does); returns the partitions
    /// created. Where it holds rows, nothing changes (they stay where they are).
    /// </summary>
    public static async Task<IReadOnlyList<string>> MonthsFromAsync(string connectionString, DateOnly firstMonth, CancellationToken ct)
    {
        var created = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        firstMonth = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        foreach (var table in Tables)
        {
            var before = table + "_before";
            await using var bound = new NpgsqlCommand(
                $"SELECT pg_get_expr(c.relpartbound, c.oid), EXISTS (SELECT 1 FROM {before}) FROM pg_class c WHERE c.relname = '{before}'", connection, transaction);
            await using var reader = await bound.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var (range, holdsRows) = (reader.GetString(0), reader.GetBoolean(1));
            await reader.CloseAsync();
            // FOR VALUES FROM (MINVALUE) TO ('2026-11-01 00:00:00+00')
            var upTo = DateOnly.FromDateTime(DateTimeOffset.Parse(range[(range.LastIndexOf("('", StringComparison.Ordinal) + 2)..range.LastIndexOf('\'')],
                CultureInfo.InvariantCulture).UtcDateTime);
            if (holdsRows || firstMonth >= upTo)
                continue;
            await using var replace = new NpgsqlCommand(
                $"DROP TABLE {before}; CREATE TABLE {before} PARTITION OF {table} FOR VALUES FROM (MINVALUE) TO ('{firstMonth:yyyy-MM-dd}T00:00:00Z'); "
                + $"SELECT varde_name_partition_indexes('{before}', 'before');", connection, transaction);
            await replace.ExecuteNonQueryAsync(ct);
            for (var month = firstMonth; month < upTo; month = month.AddMonths(1))
            {
                await using var add = new NpgsqlCommand("SELECT varde_add_month_partition(@table, @month)", connection, transaction);
                add.Parameters.AddWithValue("table", table);
                add.Parameters.AddWithValue("month", month);
                if (await add.ExecuteScalarAsync(ct) is string partition)
                    created.Add(partition);
            }
        }

        await transaction.CommitAsync(ct);
        return created;
    }

    /// <summary>As <see cref="EnsureAsync"/>, logging what was created and what could not be (names only).</summary>
    public static async Task EnsureAndLogAsync(string connectionString, DateTimeOffset now, ILogger logger, CancellationToken ct)
    {
        var ensured = await EnsureAsync(connectionString, now, ct);
        foreach (var partition in ensured.Created)
            LogCreated(logger, partition);
        foreach (var partition in ensured.Blocked)
            LogBlocked(logger, partition);
    }

    [LoggerMessage(LogLevel.Information, "Partition {Partition} created")]
    private static partial void LogCreated(ILogger logger, string partition);

    [LoggerMessage(LogLevel.Warning, "Partition {Partition} cannot be created: the default partition holds rows of its month (docs/operations.md \"Partitions\" says how to move them)")]
    private static partial void LogBlocked(ILogger logger, string partition);

    /// <summary>The partitions created, and those the default partition's rows keep from being created.</summary>
    public sealed record Ensured(IReadOnlyList<string> Created, IReadOnlyList<string> Blocked);

    /// <summary>The connection that may create partitions: the owner's when configured, else Varde's.</summary>
    public static string ConnectionString(IConfiguration configuration, DatabaseOptions options) =>
        configuration.GetConnectionString(DatabaseRoles.OwnerConnectionString) is { Length: > 0 } owner ? owner : options.ConnectionString;
}
