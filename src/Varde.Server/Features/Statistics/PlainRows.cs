using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Reads the rows of an EF query by hand, for the national statistics that read a hundred thousand rows per request:
/// EF builds the SQL and its parameters from the LINQ as always (<c>CreateDbCommand</c>), and each row is read from the
/// data reader by position, in the order the query selects, into what the figures need. EF's materialiser cost about
/// 450 bytes and 2 µs per row of four columns, most of a national request's allocations (docs/benchmarks.md, B6; ADR 0059).
/// </summary>
public static class PlainRows
{
    /// <summary>Every row of the query, each read by <paramref name="read"/>; run again from the start if the database asks for a retry.</summary>
    public static Task<List<T>> ListAsync<T>(VardeDbContext db, IQueryable query, Func<DbDataReader, T> read, CancellationToken ct) =>
        IntoAsync(db, query, () => new List<T>(), (reader, rows) => rows.Add(read(reader)), ct);

    /// <summary>
    /// Every row of the query put by <paramref name="put"/> into what <paramref name="start"/> makes (a dictionary by
    /// patient, say, with no list of rows in between); a retry starts again from a new one.
    /// </summary>
    public static Task<TInto> IntoAsync<TInto>(VardeDbContext db, IQueryable query, Func<TInto> start, Action<DbDataReader, TInto> put, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            var into = start();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var command = query.CreateDbCommand();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                    put(reader, into);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return into;
        });

    /// <summary>
    /// An instant as the provider stores it: PostgreSQL's <c>timestamptz</c>, or SQLite's UTC ticks
    /// (<c>Varde.Data.Conventions.SqliteTypes</c>).
    /// </summary>
    public static DateTimeOffset Instant(this DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(long)
            ? new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero)
            : reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>An instant, or null.</summary>
    public static DateTimeOffset? InstantOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Instant(ordinal);

    /// <summary>An amount as the provider stores it: PostgreSQL's <c>numeric</c>, or SQLite's REAL (<c>SqliteTypes</c>).</summary>
    public static decimal Amount(this DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(double) ? (decimal)reader.GetDouble(ordinal) : reader.GetDecimal(ordinal);

    /// <summary>
    /// An enum stored by its name (<c>HasConversion&lt;string&gt;()</c>), matched exactly (no numbers, spaces or lists of
    /// flags) from the column's characters, on PostgreSQL without making a string (<see cref="ColumnText"/>; a national
    /// request reads a name from each of some 440,000 rows).
    /// </summary>
    /// <exception cref="FormatException">The column holds no name of <typeparamref name="TEnum"/>.</exception>
    public static TEnum Named<TEnum>(this DbDataReader reader, int ordinal) where TEnum : struct, Enum =>
        EnumNames<TEnum>.Parse((_names ??= new ColumnText()).Read(reader, ordinal));

    // The characters of a name, on this thread: each is matched as soon as it is read, before anything else is read.
    [ThreadStatic]
    private static ColumnText? _names;

    /// <summary>An enum stored by its name, or null.</summary>
    public static TEnum? NamedOrNull<TEnum>(this DbDataReader reader, int ordinal) where TEnum : struct, Enum =>
        reader.IsDBNull(ordinal) ? null : reader.Named<TEnum>(ordinal);

    /// <summary>A string, or null.</summary>
    public static string? StringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
