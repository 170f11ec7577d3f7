using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Varde.Server.Tests.Scenarios;

/// <summary>
/// Clinical scenarios: multi-week streams of one patient per diagnosis (COPD, heart failure, diabetes) sent through the
/// real HTTP API, each reading with the zone written by hand from docs/triage.md, and the alerts left open at the end
/// (one file per diagnosis). Every scenario ends with 0 missed reds, 0 duplicate alerts and every result naming its rule
/// and plan version (<see cref="ScenarioRun.VerifyAsync"/>). Times are UTC from the first day after the app's clock,
/// which moves forward as the stream is sent; nothing depends on the wall clock or the time of day.
/// </summary>
public abstract partial class ClinicalScenarioTests(VardeApp app, ITestOutputHelper output)
{
    private static int _next;

    /// <summary>A new patient of service North (the gateway's), enrolled now, with version 1 of a plan approved now by the GP.</summary>
    private async Task<Guid> PatientAsync(DiagnosisGroup diagnosis, IReadOnlyCollection<QuantityThreshold> thresholds, PlanRules rules)
    {
        var n = Interlocked.Increment(ref _next);
        string? number = null;
        for (var individual = n * 13; number is null; individual++)
            number = NorwegianIdentityNumber.WithControlDigits($"{1 + (n % 28):D2}{81 + (n % 12)}44{100 + (individual % 400):D3}");
        var id = Guid.NewGuid();
        var now = app.Clock.GetUtcNow();
        await using var db = app.Database.NewContext();
        var patient = Patient.Enrol(id, number, $"Scenario Pasient {n}", TestWorld.North, TestWorld.Horten, TestWorld.Gp, null, diagnosis, now);
        patient.IsValid.ShouldBeTrue(string.Join("; ", patient.Errors.Select(e => e.Message)));
        db.Patients.Add(patient.Value);
        var plan = PlanVersion.First(Guid.NewGuid(), id, thresholds, TestWorld.NurseNorth.ToString(), now, rules: rules);
        plan.IsValid.ShouldBeTrue(string.Join("; ", plan.Errors.Select(e => e.Message)));
        db.PlanVersions.Add(TestWorld.Approved(plan.Value));
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Midnight UTC of the day after the app's clock: day 0 of a scenario.</summary>
    private DateTimeOffset DayZero()
    {
        var now = app.Clock.GetUtcNow();
        return new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
    }

    private async Task RunAsync(string name, Guid patient, IReadOnlyList<Row> rows, IReadOnlyList<ExpectedAlert> expectedOpen)
    {
        var run = new ScenarioRun(app, output, name, patient, DayZero());
        await run.SendAsync(rows);
        await run.VerifyAsync(rows, expectedOpen);
    }
}

public sealed class ClinicalScenarioOnSqliteTests(SqliteApp app, ITestOutputHelper output) : ClinicalScenarioTests(app, output), IClassFixture<SqliteApp>;

public sealed class ClinicalScenarioOnPostgresTests(PostgresApp app, ITestOutputHelper output) : ClinicalScenarioTests(app, output), IClassFixture<PostgresApp>;
