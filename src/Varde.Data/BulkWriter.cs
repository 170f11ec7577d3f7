using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Varde.Data;

namespace Varde.Server.Generator;

/// <summary>
/// Writes many rows of one entity type straight into its table, with the columns and value conversions EF's model
/// gives it (so a row is stored exactly as SaveChanges would store it): PostgreSQL binary COPY, or on SQLite one
/// prepared INSERT reused inside a transaction. For plain tables only (no owned collections); the rest goes through EF.
/// </summary>
public static class BulkWriter
{
    private sealed record Column(string Name, string StoreType, Func<object, object?> Value);

    /// <summary>Writes the rows into the entity's table, or into <paramref name="table"/> (a copy with the same columns, for baselines).</summary>
    public static async Task WriteAsync<T>(VardeDbContext db, IReadOnlyList<T> rows, CancellationToken ct, string? table = null)
        where T : class
    {
        if (rows.Count == 0)
            return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        table ??= entity.GetTableName()!;
        var columns = Columns(entity);
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await db.Database.OpenConnectionAsync(ct);

        if (connection is NpgsqlConnection npgsql)
            await CopyAsync(npgsql, table, columns, rows, ct);
        else if (connection is SqliteConnection sqlite)
            await InsertAsync(sqlite, table, columns, rows, ct);
        else
            throw new NotSupportedException($"No bulk path for {connection.GetType().Name}.");
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

    private static async Task InsertAsync<T>(SqliteConnection connection, string table, List<Column> columns, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = columns[i].Value(row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
