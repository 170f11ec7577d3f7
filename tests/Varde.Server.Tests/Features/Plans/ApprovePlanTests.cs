using System.Net;
using System.Net.Http.Json;
using Varde.Domain.Triage;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Plans;
using Varde.Server.Tests.Features.Alerts;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Plans;

public abstract class ApprovePlanTests(VardeApp app)
{
    private static readonly object LowerSpo2 = new { thresholds = new[] { new { quantity = "oxygen-saturation", redLow = 85m, yellowLow = 88m } },
        changeNote = "Forslag: lavere grenser" };

    [Fact]
    public async Task NurseDraft_IsNotUsed_UntilTheGpApproves_ThenTriageNamesTheNewVersion()
    {
        var patient = await AlertWorld.PatientAsync(app, app.Clock.GetUtcNow().AddDays(-10), TestWorld.Gp);
        var nurse = await app.ClientForAsync("nurse.north");
        var gp = await app.ClientForAsync("gp");

        var drafted = await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", LowerSpo2);
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await drafted.Content.ReadFromJsonAsync<PlanVersionResponse>(Json.Options))!.Approval.ShouldBeNull();
        var plan = (await gp.GetFromJsonAsync<GetPlan.Response>($"/api/patients/{patient}/plan", Json.Options))!;
        plan.Current!.Number.ShouldBe(1);
        plan.Draft!.Number.ShouldBe(2);
        plan.Versions[0].CreatedByName.ShouldBe("Nora Nord");
        plan.Versions[0].ApprovedAt.ShouldBeNull();

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await ReadingAsync(patient, 87m)).ShouldBe((TriageOutcome.Red, 1));

        var approved = await gp.PostAsync($"/api/patients/{patient}/plan/versions/2/approval", null);
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await approved.Content.ReadFromJsonAsync<PlanVersionResponse>(Json.Options))!.Approval!.ApprovedBy.ShouldBe(TestWorld.Gp.ToString());

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await ReadingAsync(patient, 87m)).ShouldBe((TriageOutcome.Yellow, 2));
        plan = (await nurse.GetFromJsonAsync<GetPlan.Response>($"/api/patients/{patient}/plan", Json.Options))!;
        plan.Current!.Number.ShouldBe(2);
        plan.Draft.ShouldBeNull();
        plan.Versions[0].ApprovedByName.ShouldBe("Gunnar Lege");
    }

    [Fact]
    public async Task ApprovingTwice_OrAnOlderDraft_Is400_AndANurseCannotApprove()
    {
        var patient = await AlertWorld.PatientAsync(app, app.Clock.GetUtcNow().AddDays(-10), TestWorld.Gp);
        var nurse = await app.ClientForAsync("nurse.north");
        var gp = await app.ClientForAsync("gp");
        await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", LowerSpo2);
        await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", LowerSpo2);

        (await nurse.PostAsync($"/api/patients/{patient}/plan/versions/3/approval", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/2/approval", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/1/approval", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/9/approval", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/3/approval", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/3/approval", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PlansAwaitingApproval_ListTheGpsOwnDrafts_UntilSheApproves()
    {
        var patient = await AlertWorld.PatientAsync(app, app.Clock.GetUtcNow().AddDays(-10), TestWorld.Gp);
        var otherGpsPatient = await AlertWorld.PatientAsync(app, app.Clock.GetUtcNow().AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");
        var gp = await app.ClientForAsync("gp");
        await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", LowerSpo2);
        await nurse.PostAsJsonAsync($"/api/patients/{otherGpsPatient}/plan/versions", LowerSpo2);

        var waiting = (await gp.GetFromJsonAsync<List<ListPlansAwaitingApproval.Row>>("/api/patients/plans-awaiting-approval", Json.Options))!;
        var forNurse = (await nurse.GetFromJsonAsync<List<ListPlansAwaitingApproval.Row>>("/api/patients/plans-awaiting-approval", Json.Options))!;
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/2/approval", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterApproval = (await gp.GetFromJsonAsync<List<ListPlansAwaitingApproval.Row>>("/api/patients/plans-awaiting-approval", Json.Options))!;

        waiting.ShouldContain(r => r.PatientId == patient && r.DraftNumber == 2);
        waiting.ShouldNotContain(r => r.PatientId == otherGpsPatient);
        forNurse.ShouldBeEmpty();
        afterApproval.ShouldNotContain(r => r.PatientId == patient);
    }

    [Fact]
    public async Task AGp_WhoIsNotThePatientsGp_CannotApprove()
    {
        var patient = await AlertWorld.PatientAsync(app, app.Clock.GetUtcNow().AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");
        await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", LowerSpo2);

        var response = await (await app.ClientForAsync("gp")).PostAsync($"/api/patients/{patient}/plan/versions/2/approval", null);

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
    }

    private async Task<(TriageOutcome, int?)> ReadingAsync(Guid patient, decimal spo2)
    {
        var gateway = await app.GatewayClientAsync();
        var reading = await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "oxygen-saturation", value = spo2, unit = "%", effectiveAt = app.Clock.GetUtcNow() });
        reading.EnsureSuccessStatusCode();
        var triage = (await reading.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!.Triage;
        return (triage.Outcome, triage.PlanVersion);
    }
}

public sealed class ApprovePlanOnSqliteTests(SqliteApp app) : ApprovePlanTests(app), IClassFixture<SqliteApp>;

public sealed class ApprovePlanOnPostgresTests(PostgresApp app) : ApprovePlanTests(app), IClassFixture<PostgresApp>;
