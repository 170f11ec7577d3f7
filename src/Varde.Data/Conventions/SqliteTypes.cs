using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Varde.Data.Conventions;

/// <summary>
/// SQLite has no timestamp or decimal type, and EF cannot compare or order DateTimeOffset or decimal stored as
/// text there. Times are stored as UTC ticks (exact, ordered) and decimals as REAL, so the same queries work on
/// SQLite and PostgreSQL (see ADR 0004).
/// </summary>
internal static class SqliteTypes
{
    public static void Configure(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<decimal>().HaveConversion<double>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
