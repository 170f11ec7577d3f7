using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Varde.Domain.Measurements;
using Varde.Testing;

namespace Varde.Data.Tests;

/// <summary>
/// PostgreSQL keeps measurements and triage records in monthly partitions (ADR 0055). Times are relative to the
/// database's clock, which the migration lays the months out from, so the test holds whatever the date.
/// </summary>
public sealed class MonthlyPartitionTests
{
    private const string BeforePartitions = "20261205235059_StatisticsSummaries";

    [Fact]
    public async Task Migration_MovesStoredRowsIntoTheirMonthsAndKeepsEveryRow()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync(BeforePartitions);
        var databaseNow = await DatabaseNowAsync(db);
        var patient = await Seed.PatientAsync(db);
        _patient = patient.Id;
        var recent = databaseNow.AddDays(-40);
        var old = databaseNow.AddYears(-3);
        var readings = new[] { Reading("recent", recent), Reading("old", old), Reading("now", databaseNow) };
        db.Measurements.AddRange(readings);
        await db.SaveChangesAsync();
        // Triage records as they were then (without the service a later migration adds and fills in).
        foreach (var m in readings)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO triage_records (report_id, patient_id, client_id, subject, effective_at, received_at, outcome, base_outcome, rule_id,
                    rule_version, inputs, explanation_nb, explanation_en, late, uncertain_time, evaluated_at, revision)
                VALUES ({m.Id}, {patient.Id}, {m.ClientId}, 'measurement:Pulse', {m.EffectiveAt}, {m.ReceivedAt}, 'Green', 'Green', 'threshold',
                    1, '[]', 'nb', 'en', false, false, {m.EffectiveAt}, 0)
                """);
        }

        await db.Database.MigrateAsync();

        (await PartitionOfAsync(db, "measurements", "recent")).ShouldBe($"measurements_{recent.UtcDateTime:yyyy_MM}");
        (await PartitionOfAsync(db, "measurements", "now")).ShouldBe($"measurements_{databaseNow.UtcDateTime:yyyy_MM}");
        (await PartitionOfAsync(db, "measurements", "old")).ShouldBe("measurements_before");
        (await PartitionOfAsync(db, "triage_records", "recent")).ShouldBe($"triage_records_{recent.UtcDateTime:yyyy_MM}");
        (await PartitionOfAsync(db, "triage_records", "old")).ShouldBe("triage_records_before");
        db.ChangeTracker.Clear();
        var stored = await db.Measurements.OrderBy(m => m.EffectiveAt).ToListAsync();
        stored.Select(m => (m.Id, m.ClientId, m.Value, m.EffectiveAt)).ShouldBe(readings.OrderBy(m => m.EffectiveAt).Select(m => (m.Id, m.ClientId, m.Value, m.EffectiveAt)));
        (await db.TriageRecords.Select(r => r.ServiceId).ToListAsync()).ShouldBe(Enumerable.Repeat(patient.FollowUpServiceId, 3),
            "every stored record gets its patient's service (ADR 0056)");
        (await PartitionExistsAsync(db, $"ix_triage_records_to_review_{recent.UtcDateTime:yyyy_MM}")).ShouldBeTrue("each month's part of the index is named after it");
        (await PartitionExistsAsync(db, "ix_triage_records_to_review_before")).ShouldBeTrue();
        // Two months ahead of the database's clock exist, and the default partition takes what is past them.
        var ahead = databaseNow.UtcDateTime.AddMonths(2);
        (await PartitionExistsAsync(db, $"measurements_{ahead:yyyy_MM}")).ShouldBeTrue();
        (await PartitionExistsAsync(db, $"triage_records_{ahead:yyyy_MM}")).ShouldBeTrue();
    }

    [Fact]
    public async Task PartitionedTables_StayAppendOnlyAndRefuseTheSameReadingTwice()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();
        var now = await DatabaseNowAsync(db);
        var patient = await Seed.PatientAsync(db);
        var farAhead = now.AddYears(5);
        db.Measurements.AddRange(Reading("c-1", now), Reading("c-far", farAhead));
        await db.SaveChangesAsync();

        (await PartitionOfAsync(db, "measurements", "c-far")).ShouldBe("measurements_default");
        (await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE measurements SET value = 1"))).SqlState
            .ShouldBe(PostgresErrorCodes.RestrictViolation);
        (await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM measurements WHERE client_id = 'c-far'"))).SqlState
            .ShouldBe(PostgresErrorCodes.RestrictViolation);
        db.ChangeTracker.Clear();
        db.Measurements.Add(Reading("c-1", now));
        var twice = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        DbErrors.IsUniqueViolation(twice).ShouldBeTrue();
        db.ChangeTracker.Clear();
        (await db.Measurements.CountAsync()).ShouldBe(2);

        Domain.Measurements.Measurement Reading(string clientId, DateTimeOffset at) => ReadingAt(patient.Id, clientId, at);
    }

    /// <summary>A patient's readings of a type in a time range: only the months in range are read, each by its index.</summary>
    [Fact]
    public async Task PatientTypeAndTimeQuery_ReadsOnlyItsMonthsByIndex()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = database.NewContext();
        var now = await DatabaseNowAsync(db);
        var from = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero).AddDays(3);
        // Two months of readings, every 5 minutes (a glucose sensor's pace), analysed: the planner knows what it reads.
        var patient = await Seed.PatientAsync(db);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO measurements (id, patient_id, client_id, type, value, unit, original_value, original_unit, effective_at, received_at,
                recorded_by, triage_outcome, triage_rule_id, triage_rule_version, triage_inputs, triage_explanation_nb, triage_explanation_en)
            SELECT gen_random_uuid(), {patient.Id}, 'c-' || n, CASE WHEN n % 2 = 0 THEN 'Pulse' ELSE 'Glucose' END, 70, '/min', 70, '/min',
                {from.AddMonths(-1)}::timestamptz + n * interval '5 minutes', {from.AddMonths(-1)}::timestamptz + n * interval '5 minutes',
                'test', 'Green', 'threshold', 1, '[]', '', ''
            FROM generate_series(1, 17000) n
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE measurements");

        // What the timeline and FHIR search ask (B3 times them at scale).
        var plan = await ExplainAsync(db, $"SELECT * FROM measurements WHERE patient_id = '{patient.Id}' AND type = 'Pulse' "
            + $"AND effective_at >= '{from:O}' AND effective_at < '{from.AddDays(7):O}' ORDER BY effective_at");

        plan.ShouldContain($"ix_measurements_patient_id_type_effective_at_{from.UtcDateTime:yyyy_MM}");
        plan.ShouldNotContain("measurements_before");
        plan.ShouldNotContain($"measurements_{from.UtcDateTime.AddMonths(-1):yyyy_MM}");
        plan.ShouldNotContain("Seq Scan");
    }

    private Domain.Measurements.Measurement Reading(string clientId, DateTimeOffset at) => ReadingAt(_patient, clientId, at);

    // Received when it was taken (a reading is never received before it is taken).
    private static Domain.Measurements.Measurement ReadingAt(Guid patientId, string clientId, DateTimeOffset at) =>
        Domain.Measurements.Measurement.Record(Guid.CreateVersion7(), patientId,
            new MeasurementInput(clientId, MeasurementType.Pulse, 70m, null, null, "/min", at), null, "test", at).Value;

    private Guid _patient;

    private static async Task<DateTimeOffset> DatabaseNowAsync(VardeDbContext db) =>
        await db.Database.SqlQueryRaw<DateTimeOffset>("SELECT now() AS \"Value\"").SingleAsync();

    private static async Task<string> PartitionOfAsync(VardeDbContext db, string table, string clientId) =>
        string.Join('\n', await RowsAsync(db, $"SELECT tableoid::regclass::text FROM {table} WHERE client_id = '{clientId}'"));

    private static async Task<bool> PartitionExistsAsync(VardeDbContext db, string name) =>
        await db.Database.SqlQueryRaw<bool>("SELECT to_regclass({0}) IS NOT NULL AS \"Value\"", name).SingleAsync();

    private static async Task<string> ExplainAsync(VardeDbContext db, string sql) => string.Join('\n', await RowsAsync(db, "EXPLAIN " + sql));

    // The test's own SQL, with the test's own values in it.
    private static async Task<List<string>> RowsAsync(VardeDbContext db, string sql)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}
