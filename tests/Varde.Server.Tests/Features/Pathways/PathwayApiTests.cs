using System.Net;
using System.Net.Http.Json;
using Varde.Domain.Pathways;
using Varde.Domain.Triage;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Pathways;
using Varde.Server.Features.Plans;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Pathways;

public abstract class PathwayApiTests(VardeApp app)
{
    private static int _next = 300;
    private static readonly InclusionChecklist AllMet = new(true, true, true, true, true, true, HasBankId: false, HasOwnDevice: false, HasCoverage: true);

    [Fact]
    public async Task Referral_ToActive_ByNurseCoordinatorAndGp_WithThresholdsFromTheTrialPeriod()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var coordinator = await app.ClientForAsync("coordinator.north");
        var gp = await app.ClientForAsync("gp");

        var referred = await nurse.PostAsJsonAsync("/api/pathways", new { source = "Fastlege Gunnar Lege", newPatient = NewPatient() });
        referred.StatusCode.ShouldBe(HttpStatusCode.Created, await referred.Content.ReadAsStringAsync());
        var patient = (await referred.Content.ReadFromJsonAsync<PathwayResponse>(Json.Options))!.PatientId;
        (await nurse.PostAsJsonAsync("/api/pathways", new { source = "Igjen", patientId = patient })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await StepAsync(nurse, patient, "assessment", new { }, HttpStatusCode.OK);
        var decision = new { checklist = AllMet, accept = true, startDate = Today(1), informationSentAt = app.Clock.GetUtcNow() };
        await StepAsync(nurse, patient, "decision", decision, HttpStatusCode.Forbidden);
        await StepAsync(coordinator, patient, "decision", decision, HttpStatusCode.OK);
        await StepAsync(nurse, patient, "trial", new { trialDays = 14 }, HttpStatusCode.BadRequest);
        await StepAsync(nurse, patient, "start-up", new
        {
            homeVisitAt = app.Clock.GetUtcNow(), trainingAt = app.Clock.GetUtcNow(),
            equipment = new[] { new { kind = "Nettbrett", serialNumber = "TAB-1" }, new { kind = "Pulsoksymeter", serialNumber = "OX-9" } },
        }, HttpStatusCode.OK);
        var trial = await StepAsync(nurse, patient, "trial", new { trialDays = 14 }, HttpStatusCode.OK);
        trial!.State.ShouldBe(PathwayState.TrialPeriod);
        trial.Equipment.Select(e => e.SerialNumber).ShouldBe(["TAB-1", "OX-9"]);

        // Fourteen days of SpO2 around 94 during the trial period: no thresholds, so every reading waits for a nurse.
        for (var day = 0; day < 14; day++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            var gateway = await app.GatewayClientAsync();
            var spo2 = 93m + (day % 3);
            var reading = await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements",
                new { clientId = $"trial-{patient}-{day}", type = "oxygen-saturation", value = spo2, unit = "%", effectiveAt = app.Clock.GetUtcNow() });
            reading.IsSuccessStatusCode.ShouldBeTrue(await reading.Content.ReadAsStringAsync());
            (await reading.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Triage.PlanVersion.ShouldBeNull();
        }

        // Sign-ins do not last two weeks.
        nurse = await app.ClientForAsync("nurse.north");
        coordinator = await app.ClientForAsync("coordinator.north");
        gp = await app.ClientForAsync("gp");
        await StepAsync(nurse, patient, "activation", new { firstEvaluation = Today(30) }, HttpStatusCode.BadRequest);
        var proposals = (await nurse.GetFromJsonAsync<ProposeThresholds.Response>($"/api/patients/{patient}/plan/proposals", Json.Options))!;
        proposals.FromTrialPeriod.ShouldBeTrue();
        var spo2Proposal = proposals.Proposals.ShouldHaveSingleItem();
        spo2Proposal.Basis!.Median.ShouldBe(94m);
        spo2Proposal.Basis.Days.ShouldBe(14);
        var threshold = spo2Proposal.Threshold!;
        var drafted = await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", new { thresholds = new[] { threshold }, changeNote = "Fra utprøvingen" },
            Json.Options);
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var preview = await gp.PostAsJsonAsync($"/api/patients/{patient}/plan/burden-preview", new { thresholds = new[] { threshold } }, Json.Options);
        var burden = (await preview.Content.ReadFromJsonAsync<PreviewAlertBurden.Response>(Json.Options))!;
        burden.CurrentVersion.ShouldBeNull();
        burden.Proposed.Reports.ShouldBe(14);

        await StepAsync(nurse, patient, "activation", new { firstEvaluation = Today(30) }, HttpStatusCode.BadRequest);
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/1/approval", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var active = await StepAsync(nurse, patient, "activation", new { firstEvaluation = Today(30) }, HttpStatusCode.OK);
        active!.State.ShouldBe(PathwayState.Active);
        active.History.Select(h => h.What).ShouldBe([PathwayStep.Refer, PathwayStep.StartAssessment, PathwayStep.Decide, PathwayStep.StartUp,
            PathwayStep.StartTrial, PathwayStep.Activate]);
        active.History[2].ActorName.ShouldBe("Kari Koordinator");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var low = await (await app.GatewayClientAsync()).PostAsJsonAsync($"/api/patients/{patient}/measurements",
            new { clientId = $"after-{patient}", type = "oxygen-saturation", value = 89m, unit = "%", effectiveAt = app.Clock.GetUtcNow() });
        var triage = (await low.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Triage;
        triage.Outcome.ShouldBe(TriageOutcome.Red);
        triage.PlanVersion.ShouldBe(1);

        var board = (await coordinator.GetFromJsonAsync<ListPathways.Response>("/api/pathways", Json.Options))!;
        board.Rows.ShouldContain(r => r.PatientId == patient && r.State == PathwayState.Active && r.PlanApproved);

        // The first evaluation, a month on: the structured assessment is needed, a note is not.
        app.Clock.Advance(TimeSpan.FromDays(31));
        nurse = await app.ClientForAsync("nurse.north");
        await StepAsync(nurse, patient, "evaluation", new { outcome = "Går bra", nextEvaluation = Today(90) }, HttpStatusCode.BadRequest);
        var evaluated = await StepAsync(nurse, patient, "evaluation", new
        {
            assessment = new { goals = "partly-met", selfManagement = "better", feelsSafer = true, reportsWithoutHelp = false }, nextEvaluation = Today(90),
        }, HttpStatusCode.OK);
        evaluated!.Evaluations[0].Assessment.ShouldBe(new EvaluationAssessment(GoalAttainment.PartlyMet, SelfManagementChange.Better, true, false));
        evaluated.Evaluations[0].Outcome.ShouldBeNull();
        (evaluated.Evaluations[0].Continue, evaluated.Evaluations[1].HeldAt).ShouldBe((true, null));
    }

    [Fact]
    public async Task StaleVersion_Is409_AndEndNeedsAReason()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var referred = await nurse.PostAsJsonAsync("/api/pathways", new { source = "Sykehuset", newPatient = NewPatient() });
        var pathway = (await referred.Content.ReadFromJsonAsync<PathwayResponse>(Json.Options))!;

        await StepAsync(nurse, pathway.PatientId, "assessment", new { version = pathway.Version }, HttpStatusCode.OK);
        await StepAsync(nurse, pathway.PatientId, "end", new { version = pathway.Version, endReason = "Moved" }, HttpStatusCode.Conflict);
        await StepAsync(nurse, pathway.PatientId, "end", new { endReason = "Other" }, HttpStatusCode.BadRequest);
        var ended = await StepAsync(nurse, pathway.PatientId, "end", new { endReason = "DeclinedFurther" }, HttpStatusCode.OK);
        ended!.EndedAt.ShouldBe(app.Clock.GetUtcNow());
        await StepAsync(nurse, pathway.PatientId, "assessment", new { }, HttpStatusCode.Conflict);
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/api/patients/{pathway.PatientId}/pathway")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private DateOnly Today(int plusDays) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(plusDays);

    private static object NewPatient()
    {
        var n = Interlocked.Increment(ref _next);
        string? number = null;
        for (var individual = n * 7; number is null; individual++)
            number = Varde.Domain.Patients.NorwegianIdentityNumber.WithControlDigits($"{1 + (n % 28):D2}{(n % 12) + 1:D2}44{100 + (individual % 400):D3}");
        return new { identityNumber = number, name = $"Henvist Pasient {n}", municipalityId = TestWorld.Horten, gpStaffId = TestWorld.Gp, diagnoses = new[] { "Copd" } };
    }

    private static async Task<PathwayResponse?> StepAsync(HttpClient client, Guid patient, string step, object body, HttpStatusCode expected)
    {
        var response = await client.PostAsJsonAsync($"/api/patients/{patient}/pathway/{step}", body, Json.Options);
        response.StatusCode.ShouldBe(expected, $"{step}: {await response.Content.ReadAsStringAsync()}");
        return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<PathwayResponse>(Json.Options) : null;
    }
}

public sealed class PathwayApiOnSqliteTests(SqliteApp app) : PathwayApiTests(app), IClassFixture<SqliteApp>;

public sealed class PathwayApiOnPostgresTests(PostgresApp app) : PathwayApiTests(app), IClassFixture<PostgresApp>;
