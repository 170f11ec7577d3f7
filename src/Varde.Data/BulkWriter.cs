using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Varde.Data;

/// <summary>
/// Writes many new rows of one entity type straight into its table, with the columns and value conversions EF's model
/// gives it (so a row is stored exactly as SaveChanges would store it): PostgreSQL binary COPY, or on SQLite one
/// prepared INSERT reused for every row. Inside the context's open transaction when it has one (intake writes its
/// readings and their triage records this way, ADR 0037), else in a transaction of its own. For plain tables only (no
/// owned collections or shadow properties); the rows are not tracked. A row that breaks a unique index fails the write
/// with a <see cref="DbUpdateException"/>, as SaveChanges would.
/// </summary>
public static class BulkWriter
{
    private sealed record Column(string Name, string StoreType, Func<object, object?> Value);

    private static readonly ConcurrentDictionary<IEntityType, List<Column>> ColumnsOf = new();

    /// <summary>
    /// From how many rows a write is worth a set-based pass of its own: fewer cost less as part of EF's one batched
    /// round trip (a COPY is a statement and round trips of its own; measured in B1, docs/benchmarks.md).
    /// </summary>
    public const int WorthItFrom = 16;

    /// <summary>Writes the rows into the entity's table, or into <paramref name="table"/> (a copy with the same columns, for baselines).</summary>
    public static async Task WriteAsync<T>(VardeDbContext db, IReadOnlyList<T> rows, CancellationToken ct, string? table = null)
        where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        table ??= entity.GetTableName()!;
        var columns = ColumnsOf.GetOrAdd(entity, Columns);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);

        try
        {
            if (connection is NpgsqlConnection npgsql)
                await CopyAsync(npgsql, table, columns, rows, ct);
            else if (connection is SqliteConnection sqlite)
                await InsertAsync(sqlite, (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(), table, columns, rows, ct);
            else
                throw new NotSupportedException($"No bulk path for {connection.GetType().Name}.");
        }
        catch (Exception e) when (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteErrorCode: 19 })
        {
            throw new DbUpdateException($"A {entity.DisplayName()} row breaks a constraint of {table}.", e);
        }
    }

    private static List<Column> Columns(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.GetProperties().Select(p =>
        {
            if (p.IsShadowProperty())
                throw new NotSupportedException($"{entity.DisplayName()}.{p.Name} is a shadow property; write this type through EF.");
            var getter = p.GetGetter();
            var converter = p.GetTypeMapping().Converter;
            Func<object, object?> value = converter is null
                ? row => getter.GetClrValueUsingContainingEntity(row)
                : row => getter.GetClrValueUsingContainingEntity(row) is { } v ? converter.ConvertToProvider(v) : null;
            var storeType = p.GetColumnType(table);
            var bracket = storeType.IndexOf('(', StringComparison.Ordinal);
            return new Column(p.GetColumnName(table)!, bracket < 0 ? storeType : storeType[..bracket].Trim(), value);
        }).ToList();
    }

    // COPY takes part in the connection's open transaction, if any.
    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                if (column.Value(row) is { } value)
                    await importer.WriteAsync(value, column.StoreType, ct);
                else
                    await importer.WriteNullAsync(ct);
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static async Task InsertAsync<T>(SqliteConnection connection, SqliteTransaction? open, string table, List<Column> columns, IReadOnlyList<T> rows,
        CancellationToken ct)
        where T : class
    {
        await using var own = open is null ? (SqliteTransaction)await connection.BeginTransactionAsync(ct) : null;
        await using var command = connection.CreateCommand();
        command.Transaction = open ?? own;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }

        if (own is not null)
            await own.CommitAsync(ct);
    }
}
