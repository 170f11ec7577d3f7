using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Measurements;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Alerts;

public abstract class AlertWorkTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static string Url(Guid patient) => $"/api/patients/{patient}/measurements";

    private static async Task<MeasurementResponse> PostAsync(HttpClient client, Guid patient, object reading)
    {
        var response = await client.PostAsJsonAsync(Url(patient), reading);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MeasurementResponse>(Json.Options))!;
    }

    private static async Task<List<GetWorklist.Item>> WorklistAsync(HttpClient nurse) =>
        (await nurse.GetFromJsonAsync<List<GetWorklist.Item>>($"/api/services/{TestWorld.North}/worklist", Json.Options))!;

    [Fact]
    public async Task Yellows_GroupIntoOneAlert_RedEscalatesIt_AndTheWorklistPutsRedFirst()
    {
        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var other = await PatientAsync(app, Now.AddDays(-10));

        var first = await PostAsync(gateway, patient, Reading("oxygen-saturation", 91m, Now.AddMinutes(-30)));
        var second = await PostAsync(gateway, patient, Reading("oxygen-saturation", 90m, Now.AddMinutes(-20)));
        await PostAsync(gateway, other, Reading("oxygen-saturation", 91m, Now.AddMinutes(-25)));
        var green = await PostAsync(gateway, other, Reading("body-weight", 80m, Now.AddMinutes(-24), unit: "kg"));
        second.AlertId.ShouldBe(first.AlertId);
        var red = await PostAsync(gateway, patient, Reading("oxygen-saturation", 86m, Now.AddMinutes(-10)));

        red.AlertId.ShouldBe(first.AlertId);
        var items = (await WorklistAsync(nurse)).Where(i => i.Patient.Id == patient || i.Patient.Id == other).ToList();
        items.Select(i => (i.Kind, i.Zone)).ShouldBe([("alert", TriageOutcome.Red), ("alert", TriageOutcome.Yellow), ("review", TriageOutcome.Green)]);
        items[0].ReportCount.ShouldBe(3);
        items[0].ReasonNb.ShouldBe("SpO2 86 % er under rød grense 88 % (plan v1).");
        items[2].ReportId.ShouldBe(green.Id);
        await using var db = app.Database.NewContext();
        var enrolled = await db.Patients.SingleAsync(p => p.Id == patient);
        items[0].Patient.ShouldBe(new GetWorklist.PatientDto(patient, enrolled.Name, enrolled.AgeOn(DateOnly.FromDateTime(Now.UtcDateTime)), TestWorld.Horten,
            "Horten", enrolled.Diagnoses));
        (await db.OutboxEvents.Where(e => e.AlertId == first.AlertId && e.Type.StartsWith("alert.")).OrderBy(e => e.OccurredAt).Select(e => e.Type).ToListAsync())
            .ShouldBe(["alert.opened", "alert.updated", "alert.red"], ignoreOrder: true);
        (await db.AccessLog.CountAsync(e => e.PatientId == patient && e.Action == "worklist.read")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task AnOpenLiveList_LogsEachPatientItShowsOnce_AndAPatientWhoAppearsLaterWhenShown()
    {
        var gateway = await app.GatewayClientAsync();
        var first = await PatientAsync(app, Now.AddDays(-10));
        var later = await PatientAsync(app, Now.AddDays(-10));
        await PostAsync(gateway, first, Reading("oxygen-saturation", 86m, Now.AddMinutes(-20)));
        var nurse = TestWorld.Staff(TestWorld.NurseNorth.ToString(), Varde.Domain.Access.Role.Nurse, TestWorld.North);
        var shownHere = new HashSet<Guid>();

        async Task<int> LoadAndCountLogAsync(Guid patient)
        {
            await using (var scope = app.Services.CreateAsyncScope())
                (await scope.ServiceProvider.GetRequiredService<GetWorklist>().HandleAsync(TestWorld.North, nurse, default, shownHere)).Result
                    .ShouldBeOfType<Microsoft.AspNetCore.Http.HttpResults.Ok<List<GetWorklist.Item>>>();
            await using var db = app.Database.NewContext();
            return await db.AccessLog.CountAsync(e => e.PatientId == patient && e.Action == "worklist.read");
        }

        (await LoadAndCountLogAsync(first)).ShouldBe(1);
        (await LoadAndCountLogAsync(first)).ShouldBe(1, "a reload of the same screen shows nothing new");
        shownHere.ShouldContain(first);
        (await LoadAndCountLogAsync(later)).ShouldBe(0, "not shown yet");

        await PostAsync(gateway, later, Reading("oxygen-saturation", 86m, Now.AddMinutes(-10)));

        (await LoadAndCountLogAsync(later)).ShouldBe(1, "shown from this load on");
        (await LoadAndCountLogAsync(first)).ShouldBe(1);
        var overHttp = await app.ClientForAsync("nurse.north");
        await WorklistAsync(overHttp);
        (await LoadAndCountLogAsync(first)).ShouldBe(2, "a request over HTTP is logged on its own");
    }

    [Fact]
    public async Task AChangedPatientsItems_PutIntoTheListShown_GiveTheListAFullLoadGives()
    {
        var gateway = await app.GatewayClientAsync();
        var changed = await PatientAsync(app, Now.AddDays(-10));
        var other = await PatientAsync(app, Now.AddDays(-10));
        await PostAsync(gateway, changed, Reading("oxygen-saturation", 91m, Now.AddMinutes(-40)));
        await PostAsync(gateway, changed, Reading("body-weight", 80m, Now.AddMinutes(-39), unit: "kg"));
        await PostAsync(gateway, other, Reading("oxygen-saturation", 91m, Now.AddMinutes(-38)));
        var nurse = TestWorld.Staff(TestWorld.NurseNorth.ToString(), Varde.Domain.Access.Role.Nurse, TestWorld.North);

        async Task<List<GetWorklist.Item>> LoadAsync(IReadOnlySet<Guid>? only = null)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<GetWorklist>().HandleAsync(TestWorld.North, nurse, default, null, only);
            return result.Result.ShouldBeOfType<Microsoft.AspNetCore.Http.HttpResults.Ok<List<GetWorklist.Item>>>().Value!;
        }

        static string AsJson(List<GetWorklist.Item> items) => System.Text.Json.JsonSerializer.Serialize(items, Json.Options);

        var shown = await LoadAsync();
        // The changed patient turns red, a green is reviewed away, a new one arrives; the other patient does not change.
        await PostAsync(gateway, changed, Reading("oxygen-saturation", 86m, Now.AddMinutes(-20)));
        await PostAsync(gateway, changed, Reading("body-weight", 80.2m, Now.AddMinutes(-19), unit: "kg"));
        var theirs = await LoadAsync(new HashSet<Guid> { changed });

        theirs.ShouldAllBe(i => i.Patient.Id == changed);
        theirs.ShouldContain(i => i.Kind == "alert" && i.Zone == TriageOutcome.Red);
        AsJson(GetWorklist.Replace(shown, new HashSet<Guid> { changed }, theirs)).ShouldBe(AsJson(await LoadAsync()));
        AsJson(GetWorklist.Replace(shown, new HashSet<Guid> { changed }, theirs)).ShouldNotBe(AsJson(shown));
    }

    [Fact]
    public async Task TwoNursesAcknowledgingAtOnce_OneWins_TheOtherGetsAConflictNamingWhoHasIt()
    {
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var alertId = (await PostAsync(gateway, patient, Reading("oxygen-saturation", 85m, Now.AddMinutes(-5)))).AlertId!.Value;
        var nurses = new[] { await app.ClientForAsync("nurse.north"), await app.ClientForAsync("nurse.north") };

        var responses = await Task.WhenAll(nurses.Select(n => n.PostAsync($"/api/alerts/{alertId}/acknowledge", null)));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var conflict = responses.Single(r => r.StatusCode != HttpStatusCode.OK);
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync()).ShouldContain("already acknowledged");

        var handled = await nurses[0].PostAsJsonAsync($"/api/alerts/{alertId}/handle", new { action = "contacted-patient", note = "Ringt pasienten." });
        handled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = (await handled.Content.ReadFromJsonAsync<AlertResponse>(Json.Options))!;
        (body.State, body.Action, body.Note).ShouldBe((AlertState.Handled, AlertAction.ContactedPatient, "Ringt pasienten."));
        (await nurses[1].PostAsJsonAsync($"/api/alerts/{alertId}/handle", new { action = "no-action-needed" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var south = await app.ClientForAsync("nurse.south");
        (await south.PostAsync($"/api/alerts/{alertId}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var history = await nurses[0].GetFromJsonAsync<List<AlertResponse>>($"/api/patients/{patient}/alerts", Json.Options);
        history!.ShouldHaveSingleItem().Reports.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RedNotAcknowledged_EscalatesAfterTheConfiguredOpenTime_NotBefore()
    {
        await OpeningHoursAsync(app, alwaysOpen: true, escalateAfterMinutes: 30);
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var red = await PostAsync(gateway, patient, Reading("oxygen-saturation", 85m, Now.AddMinutes(-1)));
        red.Instruction!.ServiceOpen.ShouldBeTrue();
        red.Instruction.EmergencyNb.ShouldBeNull();

        app.Clock.Advance(TimeSpan.FromMinutes(29));
        await RunAsync<EscalationJob>(j => j.RunAsync(default));
        (await EscalatedAtAsync(red.AlertId)).ShouldBeNull();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunAsync<EscalationJob>(j => j.RunAsync(default));
        await RunAsync<EscalationJob>(j => j.RunAsync(default));

        (await EscalatedAtAsync(red.AlertId)).ShouldBe(Now);
        await using var db = app.Database.NewContext();
        (await db.OutboxEvents.CountAsync(e => e.AlertId == red.AlertId && e.Type == "alert.escalated")).ShouldBe(1);
    }

    [Fact]
    public async Task RedWhileClosed_ShowsThePatientThePlanAndEmergencyNumbers_AndWaitsForOpening()
    {
        await OpeningHoursAsync(app, alwaysOpen: false);
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-10));

        var red = await PostAsync(gateway, patient, Reading("oxygen-saturation", 85m, Now.AddMinutes(-1)));

        red.Instruction!.ServiceOpen.ShouldBeFalse();
        red.Instruction.PlanInstruction.ShouldBe("Ring legevakt 116 117 nå.");
        red.Instruction.EmergencyNb!.ShouldContain("113");
        app.Clock.Advance(TimeSpan.FromHours(3));
        await RunAsync<EscalationJob>(j => j.RunAsync(default));
        (await EscalatedAtAsync(red.AlertId)).ShouldBeNull();
        await OpeningHoursAsync(app, alwaysOpen: true);
    }

    [Fact]
    public async Task LateRed_IsTriagedByItsTime_MarkedLate_AndOpensNoRedAlert()
    {
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-10));

        var late = await PostAsync(gateway, patient, Reading("oxygen-saturation", 85m, Now.AddHours(-30)));

        late.Triage.Outcome.ShouldBe(TriageOutcome.Red);
        late.Triage.Late.ShouldBeTrue();
        var nurse = await app.ClientForAsync("nurse.north");
        var item = (await WorklistAsync(nurse)).Single(i => i.AlertId == late.AlertId);
        item.Zone.ShouldBe(TriageOutcome.Yellow);
        item.Late.ShouldBeTrue();
    }

    [Fact]
    public async Task LateEarlierReading_ReJudgesTheReadingsAfterIt()
    {
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var today = await PostAsync(gateway, patient, Reading("body-weight", 82.5m, Now.AddMinutes(-10), unit: "kg"));
        today.Triage.Outcome.ShouldBe(TriageOutcome.Green);

        // Two days ago the patient weighed 80.0 kg, but the scale only sent it now: today is +2.5 kg in 3 days.
        await PostAsync(gateway, patient, Reading("body-weight", 80.0m, Now.AddDays(-2), unit: "kg"));

        var nurse = await app.ClientForAsync("nurse.north");
        var reread = await nurse.GetFromJsonAsync<MeasurementResponse>($"{Url(patient)}/{today.Id}", Json.Options);
        reread!.Triage.Outcome.ShouldBe(TriageOutcome.Yellow);
        reread.Triage.Explanation.Nb.ShouldStartWith("Vekt +2,5 kg på 3 dager");
        reread.ArrivalOutcome.ShouldBe(TriageOutcome.Green);
        reread.AlertId.ShouldNotBeNull();
    }

    [Fact]
    public async Task MissingReportJob_RaisesEachDueSlotOnce_AndALateReadingSettlesIt()
    {
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-3));

        var raised = await RunAsync<MissingReportsJob>(j => j.RunAsync(default));
        var again = await RunAsync<MissingReportsJob>(j => j.RunAsync(default));

        raised.ShouldBeGreaterThan(0);
        again.ShouldBe(0);
        await using var db = app.Database.NewContext();
        var missed = await db.MissedReports.Where(m => m.PatientId == patient).OrderBy(m => m.Day).ToListAsync();
        missed.Count.ShouldBeInRange(1, 3);
        missed.Select(m => m.Day).Distinct().Count().ShouldBe(missed.Count);
        var alert = await db.Alerts.SingleAsync(a => a.PatientId == patient && a.Category == AlertCategory.MissingReport);
        alert.ReportCount.ShouldBe(missed.Count);
        alert.ReasonNb.ShouldMatch(@"^Vekt mangler: skulle vært sendt innen kl\. 09:00 [1-9]\d?\.[1-9]\d?\.\d{4}\.", "the day as every screen writes it: d.M.yyyy");
        var item = (await WorklistAsync(await app.ClientForAsync("nurse.north"))).Single(i => i.AlertId == alert.Id);
        item.WaitingSince.ShouldBe(missed[0].DueBy, "a missed report has waited since its deadline, not since the job raised it");
        item.WaitingMinutes.ShouldBe((int)(Now - missed[0].DueBy).TotalMinutes);
        item.WaitingMinutes.ShouldBeGreaterThan(0);

        foreach (var m in missed)
            await PostAsync(gateway, patient, Reading("body-weight", 80m, m.DueBy.AddMinutes(-30), unit: "kg"));

        await using var after = app.Database.NewContext();
        (await after.Alerts.SingleAsync(a => a.Id == alert.Id)).State.ShouldBe(AlertState.Resolved);
    }

    [Fact]
    public async Task ANursesHandlesThePatient_AllOpenAlertsAndGreensShown_WithOneNote_AndNothingWhenOneChangedMeanwhile()
    {
        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        var other = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var stranger = await PatientAsync(app, Now.AddDays(-10));
        var spo2 = (await PostAsync(gateway, patient, Reading("oxygen-saturation", 86m, Now.AddMinutes(-30)))).AlertId!.Value;
        var weight = (await PostAsync(gateway, patient, Reading("body-weight", 101m, Now.AddMinutes(-29), unit: "kg"))).AlertId!.Value;
        var green = (await PostAsync(gateway, patient, Reading("oxygen-saturation", 96m, Now.AddMinutes(-20)))).Id;
        var strangersGreen = (await PostAsync(gateway, stranger, Reading("oxygen-saturation", 96m, Now.AddMinutes(-20)))).Id;
        weight.ShouldNotBe(spo2);

        var shown = (await nurse.GetFromJsonAsync<GetAlert.Response>($"/api/alerts/{spo2}", Json.Options))!;
        shown.Others.ShouldHaveSingleItem().Alert.Id.ShouldBe(weight);
        shown.Others[0].ZoneInstruction.ShouldBe("Ring legevakt 116 117 nå.");
        shown.ToReview.ShouldHaveSingleItem().ReportId.ShouldBe(green);

        // Another patient's alert or green is refused by name, and nothing is stored.
        var wrong = await nurse.PostAsJsonAsync($"/api/alerts/{spo2}/handle",
            new { action = "contacted-patient", note = "Ringt.", otherAlertIds = new[] { weight }, reportIds = new[] { green, strangersGreen } });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain(strangersGreen.ToString());

        // The other nurse handles the weight alert meanwhile: the whole request is refused, the SpO2 alert stays open.
        (await other.PostAsJsonAsync($"/api/alerts/{weight}/handle", new { action = "advised-per-plan" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await nurse.PostAsJsonAsync($"/api/alerts/{spo2}/handle",
            new { action = "contacted-patient", note = "Ringt.", otherAlertIds = new[] { weight }, reportIds = new[] { green } });
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await WorklistAsync(nurse)).Where(i => i.Patient.Id == patient).Select(i => i.AlertId ?? i.ReportId).ShouldBe([spo2, green], ignoreOrder: true);

        // A new one arrives; the nurse handles what the panel showed: the SpO2 alert, the green, and the new one once shown.
        var newer = (await PostAsync(gateway, patient, Reading("body-weight", 102m, Now.AddMinutes(-5), unit: "kg"))).AlertId!.Value;
        newer.ShouldNotBe(weight);
        var handled = await nurse.PostAsJsonAsync($"/api/alerts/{spo2}/handle",
            new { action = "contacted-patient", note = "Ringt pasienten, avtalt ny måling.", otherAlertIds = new[] { newer }, reportIds = new[] { green } });
        handled.StatusCode.ShouldBe(HttpStatusCode.OK, await handled.Content.ReadAsStringAsync());
        await using var db = app.Database.NewContext();
        var alerts = await db.Alerts.Where(a => a.Id == spo2 || a.Id == newer).ToListAsync();
        alerts.ShouldAllBe(a => a.State == AlertState.Handled && a.Note == "Ringt pasienten, avtalt ny måling." && a.Action == AlertAction.ContactedPatient);
        (await db.TriageRecords.SingleAsync(r => r.ReportId == green)).ReviewedAt.ShouldNotBeNull();
        (await db.TriageRecords.SingleAsync(r => r.ReportId == strangersGreen)).ReviewedAt.ShouldBeNull();
        (await WorklistAsync(nurse)).ShouldNotContain(i => i.Patient.Id == patient);
    }

    [Fact]
    public async Task GreensToReview_AreMarkedReviewedInBulk()
    {
        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
            ids.Add((await PostAsync(gateway, patient, Reading("oxygen-saturation", 96m, Now.AddMinutes(-10 + i)))).Id);

        var response = await nurse.PostAsJsonAsync($"/api/services/{TestWorld.North}/reviews", new { reportIds = ids.Append(Guid.NewGuid()) });

        var body = (await response.Content.ReadFromJsonAsync<ReviewReports.Response>(Json.Options))!;
        body.Reviewed.ShouldBe(3);
        body.NotReviewable.Count.ShouldBe(1);
        (await WorklistAsync(nurse)).ShouldNotContain(i => i.Patient.Id == patient);
        var south = await app.ClientForAsync("nurse.south");
        (await south.PostAsJsonAsync($"/api/services/{TestWorld.North}/reviews", new { reportIds = ids })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AlertBurden_CountsAlertsPerPatientDayAndTimeToAcknowledge()
    {
        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var alertId = (await PostAsync(gateway, patient, Reading("oxygen-saturation", 85m, Now.AddMinutes(-1)))).AlertId;
        app.Clock.Advance(TimeSpan.FromMinutes(12));
        (await nurse.PostAsync($"/api/alerts/{alertId}/acknowledge", null)).EnsureSuccessStatusCode();

        var leader = await app.ClientForAsync("leader");
        var figures = await leader.GetFromJsonAsync<AlertBurden.Figures>($"/api/services/{TestWorld.North}/alert-burden", Json.Options);

        figures!.AlertsByZone["red"].ShouldBeGreaterThan(0);
        figures.PatientDays.ShouldBeGreaterThan(0);
        figures.AlertsPerPatientDay["red"].ShouldBeGreaterThan(0);
        figures.MedianMinutesToAcknowledge.ShouldNotBeNull();
        (await leader.GetAsync($"/api/services/{TestWorld.North}/worklist")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PlanRulesSetThroughTheApi_JudgeTheNextReadings()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-10), TestWorld.Gp);
        var revised = await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", new
        {
            thresholds = new object[] { new { quantity = "body-weight", yellowHigh = 95m }, new { quantity = "oxygen-saturation", yellowLow = 92m } },
            changeNote = "Vektøkning over to døgn",
            rules = new
            {
                changes = new[] { new { quantity = "body-weight", windowDays = 2, yellowRise = 1.5m } },
                schedule = new[] { new { measurement = "body-weight", days = new[] { "monday", "thursday" }, dueBy = "09:00" } },
                instructions = new
                {
                    yellow = "Ring oss i dag.",
                    subjects = new[] { new { subject = "measurement:BodyWeight", yellow = "Ta en ekstra vanndrivende tablett og ring oss i dag." } },
                },
            },
        });
        revised.StatusCode.ShouldBe(HttpStatusCode.Created, await revised.Content.ReadAsStringAsync());
        // The nurse's version is a draft until the GP approves it; readings measured after the approval use it.
        var gp = await app.ClientForAsync("gp");
        (await gp.PostAsync($"/api/patients/{patient}/plan/versions/2/approval", null)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await PostAsync(gateway, patient, Reading("body-weight", 80m, Now.AddDays(-1).AddMinutes(1), unit: "kg"));
        var gained = await PostAsync(gateway, patient, Reading("body-weight", 81.6m, app.Clock.GetUtcNow(), unit: "kg"));

        gained.Triage.PlanVersion.ShouldBe(2);
        gained.Triage.Outcome.ShouldBe(TriageOutcome.Yellow);
        gained.Instruction!.PlanInstruction.ShouldBe("Ta en ekstra vanndrivende tablett og ring oss i dag.", "the weight's own words (issue 16, finding 10)");
        var low = await PostAsync(gateway, patient, Reading("oxygen-saturation", 91m, app.Clock.GetUtcNow()));
        low.Instruction!.PlanInstruction.ShouldBe("Ring oss i dag.", "no own words for SpO2: the plan's general words for yellow");
        var shown = (await nurse.GetFromJsonAsync<GetAlert.Response>($"/api/alerts/{gained.AlertId}", Json.Options))!;
        shown.ZoneInstruction.ShouldBe("Ta en ekstra vanndrivende tablett og ring oss i dag.");
        shown.Others.ShouldHaveSingleItem().ZoneInstruction.ShouldBe("Ring oss i dag.");
        var unknownKind = await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", new
        {
            thresholds = Array.Empty<object>(),
            rules = new { instructions = new { subjects = new[] { new { subject = "measurement:Cholesterol", red = "Ring." } } } },
        });
        unknownKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownKind.Content.ReadAsStringAsync()).ShouldContain("rules.instructions.subjects[0].subject");
        var bad = await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", new
        {
            thresholds = Array.Empty<object>(),
            rules = new { changes = new[] { new { quantity = "body-weight", windowDays = 0 } } },
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("rules.changes[0]");
    }

    [Fact]
    public async Task QuestionnaireAnswer_IsTriagedByThePlan_IdempotentByClientId_AndCountsInThePatientsBurden()
    {
        var gateway = await app.GatewayClientAsync();
        var gp = await app.ClientForAsync("gp");
        var patient = await PatientAsync(app, Now.AddDays(-10), TestWorld.Gp);
        (await gp.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", new
        {
            thresholds = new[] { new { quantity = "body-weight", yellowHigh = 95m } },
            rules = new { answers = new[] { new { questionnaireId = "daily-symptoms", linkId = "chest-pain", code = "yes", zone = "red" } } },
        })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var answers = new
        {
            clientId = "daily-1",
            questionnaire = "daily-symptoms",
            effectiveAt = Now.AddMinutes(-1),
            answers = new[] { new { linkId = "more-breathless", code = "no" }, new { linkId = "swelling", code = "no" }, new { linkId = "chest-pain", code = "yes" } },
        };

        var first = await gateway.PostAsJsonAsync($"/api/patients/{patient}/questionnaire-responses", answers);
        var again = await gateway.PostAsJsonAsync($"/api/patients/{patient}/questionnaire-responses", answers);
        var wrong = await gateway.PostAsJsonAsync($"/api/patients/{patient}/questionnaire-responses", answers with { questionnaire = "nope" });

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await first.Content.ReadAsStringAsync();
        body.ShouldContain("\"outcome\":\"red\"");
        body.ShouldContain("Har du brystsmerter nå?");
        var burden = await (await app.ClientForAsync("nurse.north")).GetFromJsonAsync<AlertBurden.Figures>($"/api/patients/{patient}/alert-burden", Json.Options);
        burden!.AlertsByZone["red"].ShouldBe(1);
    }

    private async Task<DateTimeOffset?> EscalatedAtAsync(Guid? alertId)
    {
        await using var db = app.Database.NewContext();
        return (await db.Alerts.SingleAsync(a => a.Id == alertId)).EscalatedAt;
    }

    private async Task<int> RunAsync<TJob>(Func<TJob, Task<int>> run)
        where TJob : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }
}

public sealed class AlertWorkOnSqliteTests(SqliteApp app) : AlertWorkTests(app), IClassFixture<SqliteApp>;

public sealed class AlertWorkOnPostgresTests(PostgresApp app) : AlertWorkTests(app), IClassFixture<PostgresApp>;
