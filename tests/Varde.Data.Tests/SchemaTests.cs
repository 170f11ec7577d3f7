using Microsoft.EntityFrameworkCore;
using Varde.Testing;

namespace Varde.Data.Tests;

public sealed class SchemaTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Migrations_MatchTheModel_NoPendingChanges(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse("run dotnet ef migrations add for this provider");
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Measurements_HaveIndexOnPatientTypeAndEffectiveTime(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measurements' AND sql IS NOT NULL"
            : "SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'measurements'";
        var indexes = await db.Database.SqlQueryRaw<string>(sql).ToListAsync();

        indexes.ShouldContain(i => i.Contains("(patient_id, type, effective_at)", StringComparison.Ordinal)
            || i.Contains("(\"patient_id\", \"type\", \"effective_at\")", StringComparison.Ordinal));
        indexes.ShouldContain(i => i.Contains("UNIQUE", StringComparison.Ordinal) && i.Contains("client_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sqlite_RunsInWalModeWithFullSynchronous()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();

        (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).ShouldBe(["wal"]);
        (await db.Database.SqlQueryRaw<int>("PRAGMA synchronous").ToListAsync()).ShouldBe([2]);
    }
}
