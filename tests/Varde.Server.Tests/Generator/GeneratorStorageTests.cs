using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Triage;
using Varde.Server.Features.Triage;
using Varde.Server.Generator;
using Varde.Testing;

namespace Varde.Server.Tests.Generator;

/// <summary>The generator's bulk path stores rows exactly as EF would (read back through EF), and a resend once.</summary>
public abstract class GeneratorStorageTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Generated_Population_IsStored_AsEfReadsIt_ResendsOnce()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var options = new GeneratorOptions(Patients: 60, Days: 20, Seed: 5, End: new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var population = SyntheticPopulation.Build(options);
        var expected = population.Patients.Select(p => SyntheticWriter.Triage(p, options)).ToList();

        var report = await SyntheticWriter.WriteAsync(database.NewContext, population, options);

        var measurements = expected.Sum(e => e.Result.Measurements.Count);
        report.Readings.ShouldBe(measurements);
        report.DuplicatesSkipped.ShouldBe(expected.Sum(e => e.Duplicates));
        report.DuplicatesSkipped.ShouldBeGreaterThan(0);
        await using var db = database.NewContext();
        (await db.Measurements.CountAsync()).ShouldBe(measurements);
        (await db.TriageRecords.CountAsync()).ShouldBe(expected.Sum(e => e.Result.Records.Count));
        (await db.Alerts.CountAsync()).ShouldBe(expected.Sum(e => e.Result.Alerts.Count));
        (await db.PlanVersions.CountAsync(v => v.Approval != null)).ShouldBe(60);
        (await db.Pathways.CountAsync()).ShouldBe(population.Patients.Count(p => p.Pathway is not null));
        (await db.ServiceUse.CountAsync()).ShouldBe(population.Patients.Sum(p => p.Use?.Count ?? 0));

        var sample = expected.SelectMany(e => e.Result.Measurements).Where((_, i) => i % 97 == 0).ToList();
        var ids = sample.Select(m => m.Id).ToList();
        var stored = await db.Measurements.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
        foreach (var m in sample)
        {
            var s = stored[m.Id];
            (s.ClientId, s.Type, s.Value, s.SecondValue, s.EffectiveAt, s.ReceivedAt, s.Triage.Outcome, s.Triage.PlanVersionNumber)
                .ShouldBe((m.ClientId, m.Type, m.Value, m.SecondValue, m.EffectiveAt, m.ReceivedAt, m.Triage.Outcome, m.Triage.PlanVersionNumber));
            s.Triage.Inputs.ShouldBe(m.Triage.Inputs);
        }

        var record = expected[0].Result.Records[^1];
        var storedRecord = await db.TriageRecords.AsNoTracking().SingleAsync(r => r.ReportId == record.ReportId);
        (storedRecord.Outcome, storedRecord.Subject, storedRecord.AlertId, storedRecord.ReviewedAt).ShouldBe((record.Outcome, record.Subject, record.AlertId, record.ReviewedAt));

        // Every patient has the rolling state intake goes on from, and it is the state of everything stored.
        (await db.TriageStates.CountAsync()).ShouldBe(60);
        foreach (var patient in population.Patients.Where((_, i) => i % 7 == 0))
        {
            var plans = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patient.Patient.Id).ToListAsync();
            var all = await PatientReports.LoadAsync(db, patient.Patient.Id, new PatientReports.Window(options.End.AddYears(-1), null), default);
            var row = await db.TriageStates.AsNoTracking().SingleAsync(s => s.PatientId == patient.Patient.Id);
            row.State.ShouldBe(TriageStates.Write(TriageState.Of(all.Select(a => new TriagedReport(a.Report, a.Record.Result)), plans)));
        }
    }
}

public sealed class GeneratorStorageOnSqliteTests() : GeneratorStorageTests(DatabaseProvider.Sqlite);

public sealed class GeneratorStorageOnPostgresTests() : GeneratorStorageTests(DatabaseProvider.Postgres);
