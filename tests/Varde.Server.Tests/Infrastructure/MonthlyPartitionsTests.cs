using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Varde.Server.Features.Measurements;
using Varde.Data;
using Varde.Server.Infrastructure;
using Varde.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Measurements and triage records in monthly partitions on PostgreSQL (ADR 0055): readings land in their month, a
/// client id stays the patient's one reading across months, and the months ahead are added by Varde.
/// </summary>
public sealed class MonthlyPartitionsOnPostgresTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    private static string Url => $"/api/patients/{TestWorld.PatientA}/measurements";

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        // Partition bounds are written in the session's time zone.
        await using var command = new NpgsqlCommand("SET TimeZone = 'UTC'; " + sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetValue(0).ToString()!);
        return rows;
    }

    [Fact]
    public async Task ClientId_ReusedInTheNextMonth_IsStill409_AndTheResendIsStillTheFirstReading()
    {
        var start = app.Clock.GetUtcNow().UtcDateTime;
        var nextMonth = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        app.Clock.Advance(nextMonth.AddMinutes(-5) - app.Clock.GetUtcNow());
        var clientId = Guid.NewGuid().ToString();
        var first = new { clientId, type = "oxygen-saturation", value = 95m, unit = "%", effectiveAt = nextMonth.AddMinutes(-8) };
        var stored = await (await (await app.GatewayClientAsync()).PostAsJsonAsync(Url, first)).Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options);
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var gateway = await app.GatewayClientAsync();

        var reused = await gateway.PostAsJsonAsync(Url, new { clientId, type = "oxygen-saturation", value = 85m, unit = "%", effectiveAt = nextMonth.AddMinutes(5) });
        var resent = await gateway.PostAsJsonAsync(Url, first);

        reused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await reused.Content.ReadFromJsonAsync<ProblemDetails>())!.Type.ShouldEndWith("client-id-reused");
        resent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resent.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Id.ShouldBe(stored!.Id);
        var month = $"{nextMonth.AddMonths(-1):yyyy_MM}";
        (await RowsAsync($"SELECT tableoid::regclass::text FROM measurements WHERE client_id = '{clientId}'")).ShouldBe([$"measurements_{month}"]);
        (await RowsAsync($"SELECT tableoid::regclass::text FROM triage_records WHERE client_id = '{clientId}'")).ShouldBe([$"triage_records_{month}"]);
    }

    [Fact]
    public async Task EnsureMonths_AddsTheMonthsAheadOnce()
    {
        var at = new DateTimeOffset(2090, 3, 15, 12, 0, 0, TimeSpan.Zero);

        var created = await MonthlyPartitions.EnsureAsync(app.Database.ConnectionString, at, CancellationToken.None);
        var again = await MonthlyPartitions.EnsureAsync(app.Database.ConnectionString, at.AddDays(10), CancellationToken.None);

        created.Blocked.ShouldBeEmpty();
        created.NotPartitioned.ShouldBeEmpty();
        created.Created.ShouldBe(["measurements_2090_03", "measurements_2090_04", "measurements_2090_05", "measurements_2090_06",
            "triage_records_2090_03", "triage_records_2090_04", "triage_records_2090_05", "triage_records_2090_06"]);
        again.Created.ShouldBeEmpty();
        (await RowsAsync("""
            SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c WHERE c.relname = 'measurements_2090_03'
            """)).ShouldBe(["FOR VALUES FROM ('2090-03-01 00:00:00+00') TO ('2090-04-01 00:00:00+00')"]);
        (await RowsAsync("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'measurements_2090_03'::regclass ORDER BY 1")).ShouldBe([
            "pk_measurements_2090_03", "ix_measurements_client_id_2090_03", "ix_measurements_device_id_2090_03", "ix_measurements_patient_id_client_id_2090_03",
            "ix_measurements_patient_id_type_effective_at_2090_03", "ix_measurements_received_at_id_2090_03"], ignoreOrder: true);
    }

    [Fact]
    public async Task EnsureMonths_WhenTheDefaultPartitionHoldsRowsOfAMonth_LeavesThatMonthOutAndKeepsTheRows()
    {
        await using (var connection = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand($"""
                INSERT INTO measurements (id, patient_id, client_id, type, value, unit, original_value, original_unit, effective_at, received_at,
                    recorded_by, triage_outcome, triage_rule_id, triage_rule_version, triage_inputs, triage_explanation_nb, triage_explanation_en)
                VALUES (gen_random_uuid(), '{TestWorld.PatientA}', 'far-ahead', 'Pulse', 70, '/min', 70, '/min', '2095-06-10T08:00:00Z',
                    '2095-06-10T08:00:00Z', 'test', 'Green', 'threshold', 1, '[]', '', '')
                """, connection);
            (await insert.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var ensured = await MonthlyPartitions.EnsureAsync(app.Database.ConnectionString, new DateTimeOffset(2095, 5, 20, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);

        ensured.Blocked.ShouldBe(["measurements_2095_06"]);
        ensured.Created.ShouldContain("measurements_2095_07");
        ensured.Created.ShouldContain("triage_records_2095_06");
        (await RowsAsync("SELECT tableoid::regclass::text FROM measurements WHERE client_id = 'far-ahead'")).ShouldBe(["measurements_default"]);
        (await RowsAsync("SELECT to_regclass('measurements_2095_06') IS NULL")).ShouldBe(["True"]);
    }

    [Fact]
    public async Task MonthsFrom_GivesAPastItsMonths_WhileThePartitionBeforeIsEmpty()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();
        var databaseNow = await db.Database.SqlQueryRaw<DateTimeOffset>("SELECT now() AS \"Value\"").SingleAsync();
        var first = DateOnly.FromDateTime(databaseNow.UtcDateTime).AddMonths(-5);
        first = new DateOnly(first.Year, first.Month, 1);

        var created = await MonthlyPartitions.MonthsFromAsync(database.ConnectionString, first, CancellationToken.None);

        created.ShouldContain($"measurements_{first:yyyy_MM}");
        created.ShouldContain($"triage_records_{first.AddMonths(2):yyyy_MM}");
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var utc = new NpgsqlCommand("SET TimeZone = 'UTC'", connection))
            await utc.ExecuteNonQueryAsync();
        await using (var bound = new NpgsqlCommand("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'measurements_before'", connection))
            ((string)(await bound.ExecuteScalarAsync())!).ShouldBe($"FOR VALUES FROM (MINVALUE) TO ('{first:yyyy-MM-dd} 00:00:00+00')");
        await using (var months = new NpgsqlCommand("SELECT count(*) FROM pg_inherits WHERE inhparent = 'measurements'::regclass", connection))
            // before, default, and the eight months from the first to two ahead of the database's month
            Convert.ToInt32(await months.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(2 + 8);

    }

    /// <summary>Varde's clock months behind the database's (the tests' clock): its month is made, not left in the partition before.</summary>
    [Fact]
    public async Task EnsureMonths_WithAClockBehindTheDatabases_MakesItsMonth()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();
        var databaseNow = await db.Database.SqlQueryRaw<DateTimeOffset>("SELECT now() AS \"Value\"").SingleAsync();
        var behind = databaseNow.AddMonths(-3);

        var ensured = await MonthlyPartitions.EnsureAsync(database.ConnectionString, behind, CancellationToken.None);

        ensured.Created.ShouldContain($"measurements_{behind.UtcDateTime:yyyy_MM}");
        ensured.Created.ShouldContain($"triage_records_{behind.UtcDateTime.AddMonths(1):yyyy_MM}");
        ensured.Blocked.ShouldBeEmpty();
    }

    /// <summary>Tables that are not partitioned (bench B3's single-table copy, migrated back past ADR 0055) are left alone, and named.</summary>
    [Fact]
    public async Task EnsureMonths_OnTablesNotPartitioned_CreatesNothingAndDoesNotFail()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();
        var migrations = db.Database.GetMigrations().ToList();
        await db.GetService<IMigrator>().MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_MonthlyPartitions", StringComparison.Ordinal)) - 1]);

        var ensured = await MonthlyPartitions.EnsureAsync(database.ConnectionString, app.Clock.GetUtcNow(), CancellationToken.None);

        ensured.Created.ShouldBeEmpty();
        ensured.Blocked.ShouldBeEmpty();
        ensured.NotPartitioned.ShouldBe(["measurements", "triage_records"]);
        (await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_partitioned_table").SingleAsync()).ShouldBe(0);
    }
}
