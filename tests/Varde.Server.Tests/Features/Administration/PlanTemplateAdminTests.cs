using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Plans;
using Varde.Server.Features.PlanTemplates;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>Issue 17 item 7: plan templates per diagnosis group, managed by administrators, checked as plans are, picked by the nurse; a plan keeps what it copied.</summary>
public abstract class PlanTemplateAdminTests(VardeApp app)
{
    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    [Fact]
    public async Task ANewInstallation_HasVardesDefaultTemplates_ByVardeNotByAnAdministrator()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var all = (await admin.GetFromJsonAsync<List<PlanTemplateResponse>>("/api/admin/plan-templates", Json.Options))!;
        var seeded = all.Where(t => t.ChangedBy == "varde").ToList();

        seeded.Select(t => (t.Name, t.Diagnosis)).ShouldBe(
            [("KOLS – standard", DiagnosisGroup.Copd), ("Hjertesvikt – standard", DiagnosisGroup.HeartFailure), ("Diabetes – standard", DiagnosisGroup.Diabetes)]);
        seeded.ShouldAllBe(t => t.Active && t.Version == 1);
        seeded[0].Rules.Schedule.Select(s => s.Key).ShouldBe(["measurement:OxygenSaturation", "questionnaire:daily-symptoms", "questionnaire:cat"]);
        seeded[1].Rules.Changes.ShouldHaveSingleItem().Quantity.ShouldBe(MeasuredQuantity.BodyWeight);
        seeded[2].Thresholds.ShouldHaveSingleItem().Quantity.ShouldBe(MeasuredQuantity.BloodGlucose);
        (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>("/api/admin/audit?actorId=varde", Json.Options))!.ShouldBeEmpty();
    }

    [Fact]
    public async Task ATemplate_IsMadeChangedAndRetired_AsVersions_AndEachChangeIsAudited()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        var created = await admin.PostAsJsonAsync("/api/admin/plan-templates", Body("Astma – voksne", "other", redLow: 200m));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var first = (await created.Content.ReadFromJsonAsync<PlanTemplateResponse>(Json.Options))!;
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var edited = await admin.PutAsJsonAsync($"/api/admin/plan-templates/{first.Id}", Body("Astma – voksne", "other", redLow: 180m, version: 1));
        var stale = await admin.PutAsJsonAsync($"/api/admin/plan-templates/{first.Id}", Body("Astma – voksne", "other", redLow: 170m, version: 1));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var retired = await admin.PostAsync($"/api/admin/plan-templates/{first.Id}/retire", null);

        first.Version.ShouldBe(1);
        first.Rules.Schedule.ShouldHaveSingleItem().QuestionnaireId.ShouldBe("daily-symptoms");
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        (await edited.Content.ReadFromJsonAsync<PlanTemplateResponse>(Json.Options))!.Version.ShouldBe(2);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict, "made from version 1, which version 2 replaced");
        (await retired.Content.ReadFromJsonAsync<PlanTemplateResponse>(Json.Options))!.Active.ShouldBeFalse();
        var stored = (await admin.GetFromJsonAsync<PlanTemplateResponse>($"/api/admin/plan-templates/{first.Id}", Json.Options))!;
        stored.Thresholds.ShouldHaveSingleItem().RedLow.ShouldBe(180m);
        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityKind=plan-template&entityId={first.Id}", Json.Options))!;
        audit.Select(e => e.Action).ShouldBe(["retired", "edited", "created"]);
        audit.ShouldAllBe(e => e.ActorName == "Tor Admin" && e.EntityName == "Astma – voksne");
        JsonDocument.Parse(audit[1].Before!).RootElement.GetProperty("thresholds")[0].GetProperty("redLow").GetDecimal().ShouldBe(200m);
        JsonDocument.Parse(audit[1].After!).RootElement.GetProperty("version").GetInt32().ShouldBe(2);
        (await admin.PutAsJsonAsync($"/api/admin/plan-templates/{first.Id}", Body("Astma – voksne", "other", redLow: 160m))).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest, "a retired template is not changed");
    }

    public static TheoryData<string, object> BadTemplates => new()
    {
        { "name", new { name = " ", diagnosis = "copd" } },
        { "name", new { name = "KOLS – standard", diagnosis = "copd" } },
        { "diagnosis", new { name = "Uten diagnose" } },
        { "thresholds[0]", new { name = "Feil grenser", diagnosis = "copd", thresholds = new[] { new { quantity = "pulse", yellowHigh = 120m, redHigh = 100m } } } },
        { "rules.schedule[0]", new { name = "Ukjent skjema", diagnosis = "copd", rules = new { schedule = new[] { new { questionnaireId = "phq-9", days = Week, dueBy = "09:00:00" } } } } },
        { "rules.schedule[0]", new { name = "Ingen dager", diagnosis = "copd", rules = new { schedule = new[] { new { measurement = "pulse", days = Array.Empty<string>(), dueBy = "09:00:00" } } } } },
        { "rules.answers[0]", new { name = "Ukjent svar", diagnosis = "copd", rules = new { answers = new[] { new { questionnaireId = "daily-symptoms", linkId = "more-breathless", code = "maybe", zone = "yellow" } } } } },
        { "rules.changes[0]", new { name = "Feil trend", diagnosis = "heart-failure", rules = new { changes = new[] { new { quantity = "body-weight", windowDays = 0, yellowRise = 2m } } } } },
    };

    [Theory, MemberData(nameof(BadTemplates))]
    public async Task ABadTemplate_IsRefusedByField_AndNothingIsStored(string field, object body)
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var before = (await admin.GetFromJsonAsync<List<PlanTemplateResponse>>("/api/admin/plan-templates", Json.Options))!.Count;

        var response = await admin.PostAsJsonAsync("/api/admin/plan-templates", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await QuestionnaireKit.ErrorsAsync(response)).Keys.ShouldBe([field]);
        (await admin.GetFromJsonAsync<List<PlanTemplateResponse>>("/api/admin/plan-templates", Json.Options))!.Count.ShouldBe(before);
    }

    [Fact]
    public async Task ANurse_StartsAPlanFromATemplateForHerPatient_AndThePlanDoesNotChangeWhenTheTemplateDoes()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");

        (await admin.PostAsJsonAsync("/api/admin/plan-templates", Body("Hjertesvikt – med peak flow", "heart-failure", redLow: 150m))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var offers = (await nurse.GetFromJsonAsync<List<ListTemplatesForPatient.Offer>>($"/api/patients/{TestWorld.PatientB}/plan/templates", Json.Options))!;
        var heart = offers.First(o => o.Template.Name == "Hjertesvikt – med peak flow");
        var plan = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/plan/versions", new
        {
            thresholds = heart.Template.Thresholds, rules = heart.Template.Rules, changeNote = $"Startet fra malen «{heart.Template.Name}» (versjon 1)",
        }, Json.Options);
        var changed = heart.Template with { Thresholds = [.. heart.Template.Thresholds.Select(t => t with { RedLow = t.RedLow + 10 })] };
        var edit = await admin.PutAsJsonAsync($"/api/admin/plan-templates/{heart.Template.Id}", new PlanTemplateRequest(changed.Name, changed.Diagnosis, changed.Description,
            changed.Thresholds, changed.Rules, 1), Json.Options);

        offers.TakeWhile(o => o.ForDiagnosis).Select(o => o.Template.Name).ShouldBe(["Hjertesvikt – med peak flow", "Hjertesvikt – standard"], "the patient's diagnosis first");
        offers.Where(o => o.ForDiagnosis).Select(o => o.Template.Diagnosis).ShouldAllBe(d => d == DiagnosisGroup.HeartFailure);
        offers.Select(o => o.Template.Name).ShouldContain("KOLS – standard", "other templates are offered too, after");
        plan.StatusCode.ShouldBe(HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        edit.StatusCode.ShouldBe(HttpStatusCode.OK, await edit.Content.ReadAsStringAsync());
        var stored = (await nurse.GetFromJsonAsync<GetPlan.Response>($"/api/patients/{TestWorld.PatientB}/plan", Json.Options))!;
        stored.Draft.ShouldNotBeNull().Thresholds.ShouldBe(heart.Template.Thresholds, "a plan keeps what it copied");
        stored.Draft.Rules.Schedule.Select(s => s.Key).ShouldBe(heart.Template.Rules.Schedule.Select(s => s.Key));
        stored.Current.ShouldBeNull("the GP approves it as any plan");
    }

    [Fact]
    public async Task TemplatesAreOffered_OnlyToThoseWhoMayChangeThePatientsPlan_AndOnlyInUse()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var created = await admin.PostAsJsonAsync("/api/admin/plan-templates", Body("Snart borte", "diabetes", redLow: 200m));
        var id = (await created.Content.ReadFromJsonAsync<PlanTemplateResponse>(Json.Options))!.Id;
        (await admin.PostAsync($"/api/admin/plan-templates/{id}/retire", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var forSouth = await (await app.ClientForAsync("nurse.south")).GetAsync($"/api/patients/{TestWorld.PatientA}/plan/templates");
        var forLeader = await (await app.ClientForAsync("leader")).GetAsync($"/api/patients/{TestWorld.PatientA}/plan/templates");
        var offered = (await (await app.ClientForAsync("nurse.north")).GetFromJsonAsync<List<ListTemplatesForPatient.Offer>>(
            $"/api/patients/{TestWorld.PatientA}/plan/templates", Json.Options))!;

        forSouth.StatusCode.ShouldBe(HttpStatusCode.NotFound, "another service's patient");
        forLeader.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        offered.ShouldNotContain(o => o.Template.Id == id, "a retired template is not offered");
        offered.Where(o => o.ForDiagnosis).ShouldAllBe(o => o.Template.Diagnosis == DiagnosisGroup.Copd);
    }

    [Fact]
    public async Task ANurse_Gets403OnEveryTemplateAdministrationEndpoint()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var id = Guid.NewGuid();

        (await nurse.GetAsync("/api/admin/plan-templates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync($"/api/admin/plan-templates/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsJsonAsync("/api/admin/plan-templates", Body("Sykepleiers mal", "copd", 90m))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PutAsJsonAsync($"/api/admin/plan-templates/{id}", Body("X", "copd", 90m))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync($"/api/admin/plan-templates/{id}/retire", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var admin = await AdminKit.AdminClientAsync(app);
        (await admin.GetFromJsonAsync<List<PlanTemplateResponse>>("/api/admin/plan-templates", Json.Options))!.ShouldNotContain(t => t.Name == "Sykepleiers mal");
    }

    private static object Body(string name, string diagnosis, decimal redLow, int? version = null) => new
    {
        name,
        diagnosis,
        description = "Peak flow og daglige spørsmål",
        version,
        thresholds = new[] { new { quantity = "peak-flow", redLow, yellowLow = redLow + 60m } },
        rules = new
        {
            schedule = new object[] { new { questionnaireId = "daily-symptoms", days = Week, dueBy = "10:00:00" } },
            answers = new[] { new { questionnaireId = "daily-symptoms", linkId = "more-breathless", code = "yes", zone = "yellow" } },
            instructions = new { green = "Fortsett som før.", yellow = "Ta astmamedisinen etter planen.", red = "Ring 113 ved sterk tungpust." },
        },
    };
}

public sealed class PlanTemplateAdminOnSqliteTests(SqliteApp app) : PlanTemplateAdminTests(app), IClassFixture<SqliteApp>;

public sealed class PlanTemplateAdminOnPostgresTests(PostgresApp app) : PlanTemplateAdminTests(app), IClassFixture<PostgresApp>;
