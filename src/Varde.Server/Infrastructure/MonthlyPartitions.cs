using System.Globalization;
using Npgsql;
using Varde.Data;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Adds the months ahead to the PostgreSQL tables partitioned by month (measurements and triage records, ADR 0055):
/// this month and the next <see cref="MonthsAhead"/>, at start and daily (<see cref="PartitionJobs"/>), so the default
/// partition, which takes any row no month holds, stays empty. Creating a table needs the tables' owner: the owner's
/// connection string when one is given (<see cref="DatabaseRoles"/>), else Varde's own. One node at a time (an advisory
/// lock), and never waiting long for the tables' lock, which intake and reads would queue behind.
/// </summary>
public static partial class MonthlyPartitions
{
    public const int MonthsAhead = 3;

    public static readonly IReadOnlyList<string> Tables = ["measurements", "triage_records"];

    /// <summary>
    /// Creates the months missing from now to <see cref="MonthsAhead"/> ahead (and, while the partition before the first
    /// month is empty, this month if it lies before it: a clock behind the database's). A month whose rows the default
    /// partition already holds is left out (<see cref="Ensured.Blocked"/>): the rows are found as before, only not in their
    /// month's partition (docs/operations.md "Partitions").
    /// </summary>
    /// <exception cref="PostgresException">The role may not create tables (42501), or the tables stayed locked (55P03).</exception>
    public static async Task<Ensured> EnsureAsync(string connectionString, DateTimeOffset now, CancellationToken ct)
    {
        var created = new List<string>();
        var blocked = new List<string>();
        await using var connection = await OpenAsync(connectionString, ct);
        var thisMonth = new DateOnly(now.UtcDateTime.Year, now.UtcDateTime.Month, 1);
        created.AddRange(await MonthsFromAsync(connection, thisMonth, ct));
        var partitioned = await PartitionedAsync(connection, null, ct);
        foreach (var table in partitioned)
            for (var month = thisMonth; month <= thisMonth.AddMonths(MonthsAhead); month = month.AddMonths(1))
            {
                await using var add = new NpgsqlCommand("SELECT varde_add_month_partition(@table, @month)", connection);
                add.Parameters.AddWithValue("table", table);
                add.Parameters.AddWithValue("month", month);
                try
                {
                    if (await add.ExecuteScalarAsync(ct) is string partition)
                        created.Add(partition);
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
                {
                    blocked.Add(Name(table, month));
                }
            }

        return new Ensured(created, blocked, [.. Tables.Except(partitioned)]);
    }

    /// <summary>
    /// Gives the months from <paramref name="firstMonth"/> their own partitions where the partition before the first month
    /// is still empty (a new database about to be filled with a past, as the generator does); returns the partitions
    /// created. Where it holds rows, nothing changes (they stay where they are).
    /// </summary>
    public static async Task<IReadOnlyList<string>> MonthsFromAsync(string connectionString, DateOnly firstMonth, CancellationToken ct)
    {
        await using var connection = await OpenAsync(connectionString, ct);
        return await MonthsFromAsync(connection, firstMonth, ct);
    }

    /// <summary>As <see cref="EnsureAsync"/>, logging what was created and what could not be (names only); a role without the right, or tables that stayed locked, are logged, not thrown.</summary>
    public static async Task EnsureAndLogAsync(string connectionString, DateTimeOffset now, ILogger logger, CancellationToken ct)
    {
        try
        {
            var ensured = await EnsureAsync(connectionString, now, ct);
            foreach (var partition in ensured.Created)
                LogCreated(logger, partition);
            foreach (var partition in ensured.Blocked)
                LogBlocked(logger, partition);
            foreach (var table in ensured.NotPartitioned)
                LogNotPartitioned(logger, table);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            LogNoRight(logger);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            LogBusy(logger);
        }
    }

    private static async Task<IReadOnlyList<string>> MonthsFromAsync(NpgsqlConnection connection, DateOnly firstMonth, CancellationToken ct)
    {
        var created = new List<string>();
        await using var transaction = await connection.BeginTransactionAsync(ct);
        firstMonth = new DateOnly(firstMonth.Year, firstMonth.Month, 1);
        foreach (var table in await PartitionedAsync(connection, transaction, ct))
        {
            var before = table + "_before";
            await using var bound = new NpgsqlCommand(
                $"SELECT pg_get_expr(c.relpartbound, c.oid), EXISTS (SELECT 1 FROM {before}) FROM pg_class c WHERE c.relname = '{before}'", connection, transaction);
            await using var reader = await bound.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                continue;
            var (range, holdsRows) = (reader.GetString(0), reader.GetBoolean(1));
            await reader.CloseAsync();
            // FOR VALUES FROM (MINVALUE) TO ('2026-11-01 00:00:00+00'), in the session's time zone (UTC, see OpenAsync)
            var upTo = DateOnly.FromDateTime(DateTimeOffset.Parse(range[(range.LastIndexOf("('", StringComparison.Ordinal) + 2)..range.LastIndexOf('\'')],
                CultureInfo.InvariantCulture).UtcDateTime);
            if (holdsRows || firstMonth >= upTo)
                continue;
            // Empty when asked; still empty once nobody can write (a row committed in between would go with the table).
            await using var locked = new NpgsqlCommand($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE; SELECT EXISTS (SELECT 1 FROM {before})", connection, transaction);
            if (await locked.ExecuteScalarAsync(ct) is true)
                continue;
            var first = firstMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await using var replace = new NpgsqlCommand(
                $"DROP TABLE {before}; CREATE TABLE {before} PARTITION OF {table} FOR VALUES FROM (MINVALUE) TO ('{first}T00:00:00Z'); "
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

    // Of Tables, those partitioned: every one after the migration; bench B3's comparison copy has them as single tables.
    private static async Task<List<string>> PartitionedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = ANY(@tables) AND pg_table_is_visible(c.oid) ORDER BY 1",
            connection, transaction);
        command.Parameters.AddWithValue("tables", Tables.ToArray());
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            tables.Add(reader.GetString(0));
        return tables;
    }

    // Its own connection (a session lock must end with it), waiting at most 5 s for a table's lock, one node at a time.
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var settings = new NpgsqlCommand(
            "SET lock_timeout = '5s'; SET TimeZone = 'UTC'; SELECT pg_advisory_lock(hashtext('varde-partitions'));", connection);
        await settings.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>The connection that may create partitions: the owner's when configured, else Varde's.</summary>
    public static string ConnectionString(IConfiguration configuration, DatabaseOptions options) =>
        configuration.GetConnectionString(DatabaseRoles.OwnerConnectionString) is { Length: > 0 } owner ? owner : options.ConnectionString;

    private static string Name(string table, DateOnly month) => $"{table}_{month.ToString("yyyy_MM", CultureInfo.InvariantCulture)}";

    [LoggerMessage(LogLevel.Information, "Partition {Partition} created")]
    private static partial void LogCreated(ILogger logger, string partition);

    [LoggerMessage(LogLevel.Warning, "Partition {Partition} cannot be created: the default partition holds rows of its month (docs/operations.md \"Partitions\" says how to move them)")]
    private static partial void LogBlocked(ILogger logger, string partition);

    [LoggerMessage(LogLevel.Warning, "The coming months' partitions could not be created: the role connected may not create tables. Give the tables' owner as ConnectionStrings:varde-owner (docs/operations.md \"Partitions\")")]
    private static partial void LogNoRight(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "The coming months' partitions were not created now: the tables stayed locked for 5 s (a backup or a long export); tried again at the next start or day")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(LogLevel.Warning, "Table {Table} is not partitioned by month, so no months were added to it (ADR 0055; only bench B3's single-table copy is meant to be so)")]
    private static partial void LogNotPartitioned(ILogger logger, string table);

    /// <summary>
    /// The partitions created, those the default partition's rows keep from being created, and the tables left alone
    /// because they are not partitioned.
    /// </summary>
    public sealed record Ensured(IReadOnlyList<string> Created, IReadOnlyList<string> Blocked, IReadOnlyList<string> NotPartitioned);
}
