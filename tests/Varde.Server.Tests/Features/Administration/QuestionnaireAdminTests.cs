using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Questionnaires;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>Issue 17 item 7: questionnaires imported from FHIR, checked item by item, versioned, published and retired by administrators; every change audited.</summary>
public abstract class QuestionnaireAdminTests(VardeApp app)
{
    [Fact]
    public async Task AnImport_IsADraftUntilPublished_ThenItIsAnsweredAndServed_AndEachStepIsAudited()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var gateway = await app.GatewayClientAsync();

        var imported = await QuestionnaireKit.ImportAsync(admin, QuestionnaireKit.Pain("pain-a"));
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var draft = (await imported.Content.ReadFromJsonAsync<ManagedQuestionnaireResponse>(Json.Options))!;
        draft.CurrentVersion.ShouldBeNull();
        draft.Versions.ShouldHaveSingleItem().Published.ShouldBeFalse();
        (await gateway.GetAsync("/fhir/Questionnaire/pain-a")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a draft is not served");
        (await AnswerAsync(gateway, "pain-a", "pain-draft")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "nor answered");
        var stored = await admin.GetAsync("/api/admin/questionnaires/pain-a/versions/1");
        stored.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        (await stored.Content.ReadAsStringAsync()).ShouldContain("pain-level");

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var published = await QuestionnaireKit.PublishAsync(admin, "pain-a", "1");

        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        (await published.Content.ReadFromJsonAsync<ManagedQuestionnaireResponse>(Json.Options))!.CurrentVersion.ShouldBe("1");
        var answered = await AnswerAsync(gateway, "pain-a", "pain-1");
        answered.StatusCode.ShouldBe(HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());
        (await answered.Content.ReadFromJsonAsync<RecordQuestionnaireResponse.Response>(Json.Options))!.QuestionnaireVersion.ShouldBe("1");
        var fhir = await gateway.GetAsync("/fhir/Questionnaire/pain-a");
        fhir.StatusCode.ShouldBe(HttpStatusCode.OK);
        var served = JsonDocument.Parse(await fhir.Content.ReadAsStringAsync()).RootElement;
        served.GetProperty("status").GetString().ShouldBe("active");
        served.GetProperty("item").GetArrayLength().ShouldBe(3);
        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityKind=questionnaire&entityId={draft.Key}", Json.Options))!;
        audit.Select(e => e.Action).ShouldBe(["published", "imported"]);
        audit.ShouldAllBe(e => e.ActorName == "Tor Admin" && e.EntityName == "pain-a");
        JsonDocument.Parse(audit[1].After!).RootElement.GetProperty("status").GetString().ShouldBe("draft");
        JsonDocument.Parse(audit[0].After!).RootElement.GetProperty("status").GetString().ShouldBe("published");
    }

    [Fact]
    public async Task ANewVersion_IsUsedForNewAnswers_WhileAnswersGivenKeepTheirs()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var gateway = await app.GatewayClientAsync();
        await ImportAndPublishAsync(admin, QuestionnaireKit.Pain("pain-v", "1"));
        (await AnswerAsync(gateway, "pain-v", "v-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await ImportAndPublishAsync(admin, QuestionnaireKit.Pain("pain-v", "2", question: "Har du hatt vondt siste døgn?"));
        var second = await AnswerAsync(gateway, "pain-v", "v-2");
        var pinned = await AnswerAsync(gateway, "pain-v", "v-1-pinned", version: "1");
        var unknown = await AnswerAsync(gateway, "pain-v", "v-9", version: "9");
        var again = await QuestionnaireKit.ImportAsync(admin, QuestionnaireKit.Pain("pain-v", "1", question: "Endret?"));

        (await second.Content.ReadFromJsonAsync<RecordQuestionnaireResponse.Response>(Json.Options))!.QuestionnaireVersion.ShouldBe("2");
        (await pinned.Content.ReadFromJsonAsync<RecordQuestionnaireResponse.Response>(Json.Options))!.QuestionnaireVersion.ShouldBe("1");
        (await QuestionnaireKit.ErrorsAsync(unknown)).Keys.ShouldBe(["questionnaireVersion"]);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await QuestionnaireKit.ErrorsAsync(again)).Keys.ShouldBe(["version"]); // a published version never changes
        await using (var db = app.Database.NewContext())
        {
            (await db.QuestionnaireResponses.Where(r => r.QuestionnaireId == "pain-v").OrderBy(r => r.ClientId).Select(r => new { r.ClientId, r.QuestionnaireVersion }).ToListAsync())
                .Select(r => $"{r.ClientId}:{r.QuestionnaireVersion}").ShouldBe(["v-1:1", "v-1-pinned:1", "v-2:2"]);
        }

        var byVersion = JsonDocument.Parse(await gateway.GetStringAsync($"/fhir/Questionnaire?url={Uri.EscapeDataString(QuestionnaireKit.Url("pain-v") + "|1")}")).RootElement;
        byVersion.GetProperty("entry")[0].GetProperty("resource").GetProperty("version").GetString().ShouldBe("1");
        var current = JsonDocument.Parse(await gateway.GetStringAsync($"/fhir/Questionnaire?url={Uri.EscapeDataString(QuestionnaireKit.Url("pain-v"))}")).RootElement;
        current.GetProperty("entry")[0].GetProperty("resource").GetProperty("version").GetString().ShouldBe("2");
        var nurse = await app.ClientForAsync("nurse.north");
        var overview = await nurse.GetStringAsync($"/api/patients/{TestWorld.PatientA}/overview");
        overview.ShouldContain("\"questionnaireVersion\":\"1\"");
    }

    [Fact]
    public async Task AnImport_IsRefusedItemByItem_NamingEachLinkIdVardeCannotShowOrJudge()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var q = QuestionnaireKit.Pain("pain-bad");
        q.Item.Add(new() { LinkId = "mood", Text = "Humør", Type = Questionnaire.QuestionnaireItemType.OpenChoice });
        q.Item.Add(new() { LinkId = "smoker", Text = "Røyker du?", Type = Questionnaire.QuestionnaireItemType.Boolean });
        q.Item.Add(new() { LinkId = "grp", Text = "Gruppe", Type = Questionnaire.QuestionnaireItemType.Group, Item = [new() { LinkId = "inner", Text = "Indre", Type = Questionnaire.QuestionnaireItemType.String }] });
        q.Item.Add(new() { LinkId = "colour", Text = "Farge", Type = Questionnaire.QuestionnaireItemType.Choice, AnswerValueSet = "http://example.org/ValueSet/colours" });
        q.Item.Add(new() { LinkId = "size", Text = "Størrelse", Type = Questionnaire.QuestionnaireItemType.Choice, AnswerOption = [new() { Value = new FhirString("S") }] });
        q.Item.Add(new()
        {
            LinkId = "age", Text = "Alder", Type = Questionnaire.QuestionnaireItemType.Integer,
            EnableWhen = [new() { Question = "pain-level", Operator = Questionnaire.QuestionnaireItemOperator.GreaterThan, Answer = new Integer(5) }],
        });

        var response = await QuestionnaireKit.ImportAsync(admin, q);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await QuestionnaireKit.ErrorsAsync(response);
        errors.Keys.ShouldBe(["item[mood].type", "item[smoker].type", "item[grp].type", "item[colour].answerValueSet", "item[size].answerOption", "item[age].enableWhen"],
            ignoreOrder: true);
        foreach (var (field, messages) in errors)
            messages.ShouldAllBe(m => m.Contains(field.Substring(5, field.IndexOf(']', StringComparison.Ordinal) - 5)), $"{field} names its linkId");
        errors["item[mood].type"].Single().ShouldContain("open-choice");
        await using var db = app.Database.NewContext();
        (await db.Questionnaires.AnyAsync(x => x.Id == "pain-bad")).ShouldBeFalse("nothing is stored");
    }

    [Fact]
    public async Task AnImport_WithoutWhatVardeNeeds_IsRefusedByField()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var q = QuestionnaireKit.Pain("pain-missing");
        (q.Url, q.Version, q.Status, q.Id) = (null, null, PublicationStatus.Retired, null);

        var missing = await QuestionnaireKit.ImportAsync(admin, q);
        var notJson = await QuestionnaireKit.ImportAsync(admin, "{ \"resourceType\": \"Questionnaire\", ");
        var notQuestionnaire = await QuestionnaireKit.ImportAsync(admin, "{ \"resourceType\": \"Patient\" }");
        var wrongType = await QuestionnaireKit.ImportAsync(admin, QuestionnaireKit.Json(QuestionnaireKit.Pain("pain-missing")), "text/plain");

        (await QuestionnaireKit.ErrorsAsync(missing)).Keys.ShouldBe(["id", "url", "status", "version"], ignoreOrder: true);
        (await QuestionnaireKit.ErrorsAsync(notJson)).Keys.ShouldBe(["resource"]);
        (await QuestionnaireKit.ErrorsAsync(notQuestionnaire)).Keys.ShouldBe(["resource"]);
        wrongType.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ADraft_IsReplacedByImportingItAgain_AndAPublishedVersionNeverChanges_NotEvenInTheDatabase()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        (await QuestionnaireKit.ImportAsync(admin, QuestionnaireKit.Pain("pain-draft"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var replaced = await QuestionnaireKit.ImportAsync(admin, QuestionnaireKit.Pain("pain-draft", question: "Har du smerter?"));

        replaced.StatusCode.ShouldBe(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        (await admin.GetStringAsync("/api/admin/questionnaires/pain-draft/versions/1")).ShouldContain("Har du smerter?");
        var key = (await replaced.Content.ReadFromJsonAsync<ManagedQuestionnaireResponse>(Json.Options))!.Key;
        (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={key}", Json.Options))!.Select(e => e.Action).ShouldBe(["edited", "imported"]);
        (await QuestionnaireKit.PublishAsync(admin, "pain-draft", "1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await QuestionnaireKit.PublishAsync(admin, "pain-draft", "1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "published already");
        await using var db = app.Database.NewContext();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE questionnaire_versions SET title_nb = 'x' WHERE questionnaire_id = 'pain-draft'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM questionnaire_versions WHERE questionnaire_id = 'pain-draft'"));
        var version = await db.QuestionnaireVersions.SingleAsync(v => v.QuestionnaireId == "pain-draft");
        db.Entry(version).Property(v => v.TitleNb).CurrentValue = "x";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task ANewVersion_ThatWouldStopARuleInUseFromFiring_IsRefused()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var withoutBreathless = QuestionnaireCatalogue.DailySymptoms with
        {
            Version = "3",
            Items = [.. QuestionnaireCatalogue.DailySymptoms.Items.Where(i => i.LinkId is not ("more-breathless" or "breathless-when"))],
        };
        var keeping = QuestionnaireCatalogue.DailySymptoms with { Version = "3", TitleNb = "Daglige spørsmål, ny utgave" };

        var refused = await QuestionnaireKit.ImportAsync(admin, FhirQuestionnaires.ToFhir(withoutBreathless));
        var accepted = await QuestionnaireKit.ImportAsync(admin, FhirQuestionnaires.ToFhir(keeping));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = (await QuestionnaireKit.ErrorsAsync(refused))["item"].ShouldHaveSingleItem();
        message.ShouldContain("'more-breathless' = 'yes'");
        message.ShouldContain("KOLS – standard", customMessage: "the seeded COPD template uses it");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Retiring_IsRefusedWhileATemplateUsesIt_AndThenStopsNewPlansButNotThePlansThatHaveIt()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");
        var gateway = await app.GatewayClientAsync();
        await ImportAndPublishAsync(admin, QuestionnaireKit.Pain("pain-r"));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var painDaily = new { questionnaireId = "pain-r", days = Week, dueBy = "09:00:00" };
        (await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/plan/versions", new { thresholds = Array.Empty<object>(), rules = new { schedule = new[] { painDaily } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var refused = await admin.PostAsync("/api/admin/questionnaires/cat/retire", null);
        var retired = await admin.PostAsync("/api/admin/questionnaires/pain-r/retire", null);

        (await QuestionnaireKit.ErrorsAsync(refused)).Keys.ShouldBe(["templates"]);
        retired.StatusCode.ShouldBe(HttpStatusCode.OK);
        var retiredBody = (await retired.Content.ReadFromJsonAsync<ManagedQuestionnaireResponse>(Json.Options))!;
        retiredBody.Retired.ShouldBeTrue();
        JsonDocument.Parse(await gateway.GetStringAsync("/fhir/Questionnaire/pain-r")).RootElement.GetProperty("status").GetString().ShouldBe("retired");
        (await AnswerAsync(gateway, "pain-r", "after-retire", patient: TestWorld.PatientB)).StatusCode.ShouldBe(HttpStatusCode.Created, "a plan that has it keeps working");
        (await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientB}/plan/versions", new { thresholds = Array.Empty<object>(), changeNote = "Samme regler" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created, "a revision may keep it");
        var newPlan = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/plan/versions",
            new { thresholds = Array.Empty<object>(), rules = new { schedule = new[] { painDaily } } });
        (await QuestionnaireKit.ErrorsAsync(newPlan))["rules.schedule[0]"].Single().ShouldContain("retired");
        (await QuestionnaireKit.ErrorsAsync(await QuestionnaireKit.ImportAsync(admin, QuestionnaireKit.Pain("pain-r", "2")))).Keys.ShouldBe(["id"]);
        (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={retiredBody.Key}", Json.Options))![0].Action.ShouldBe("retired");
    }

    [Fact]
    public async Task AVersionPublishedOnOneNode_IsAnsweredOnAnotherAtOnce()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        await using var second = app.SecondNode();
        var gateway = await second.GatewayClientAsync();
        (await gateway.GetAsync("/api/questionnaires")).StatusCode.ShouldBe(HttpStatusCode.OK, "the second node has read the questionnaires");

        await ImportAndPublishAsync(admin, QuestionnaireKit.Pain("pain-node"));
        var answered = await AnswerAsync(gateway, "pain-node", "node-1");
        await ImportAndPublishAsync(admin, QuestionnaireKit.Pain("pain-node", "2"));
        var pinned = await AnswerAsync(gateway, "pain-node", "node-2", version: "2");

        answered.StatusCode.ShouldBe(HttpStatusCode.Created, await answered.Content.ReadAsStringAsync());
        pinned.StatusCode.ShouldBe(HttpStatusCode.Created, await pinned.Content.ReadAsStringAsync());
        second.Services.GetRequiredService<StoredQuestionnaires>().ShouldNotBeSameAs(app.Services.GetRequiredService<StoredQuestionnaires>());
    }

    [Fact]
    public async Task ANurse_Gets403OnEveryQuestionnaireAdministrationEndpoint()
    {
        var nurse = await app.ClientForAsync("nurse.north");

        (await nurse.GetAsync("/api/admin/questionnaires")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync("/api/admin/questionnaires/cat")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.GetAsync("/api/admin/questionnaires/cat/versions/1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await QuestionnaireKit.ImportAsync(nurse, QuestionnaireKit.Pain("pain-nurse"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await QuestionnaireKit.PublishAsync(nurse, "cat", "1")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync("/api/admin/questionnaires/cat/retire", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var db = app.Database.NewContext();
        (await db.Questionnaires.SingleAsync(q => q.Id == "cat")).IsRetired.ShouldBeFalse();
        (await db.Questionnaires.AnyAsync(q => q.Id == "pain-nurse")).ShouldBeFalse();
    }

    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static async Task ImportAndPublishAsync(HttpClient admin, Questionnaire q)
    {
        (await QuestionnaireKit.ImportAsync(admin, q)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await QuestionnaireKit.PublishAsync(admin, q.Id!, q.Version!)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> AnswerAsync(HttpClient gateway, string questionnaire, string clientId, string? version = null, Guid? patient = null) =>
        gateway.PostAsJsonAsync($"/api/patients/{patient ?? TestWorld.PatientA}/questionnaire-responses", new
        {
            clientId,
            questionnaire,
            questionnaireVersion = version,
            answers = new object[] { new { linkId = "has-pain", code = "yes" }, new { linkId = "pain-level", number = 4 } },
            effectiveAt = app.Clock.GetUtcNow(),
        });
}

public sealed class QuestionnaireAdminOnSqliteTests(SqliteApp app) : QuestionnaireAdminTests(app), IClassFixture<SqliteApp>;

public sealed class QuestionnaireAdminOnPostgresTests(PostgresApp app) : QuestionnaireAdminTests(app), IClassFixture<PostgresApp>;
