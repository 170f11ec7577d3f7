using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Questionnaires;
using Varde.Domain.Relatives;
using Varde.Domain.Surveys;
using Varde.Server.Features.Surveys;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Surveys;

/// <summary>
/// Issue 21 item 6, the user survey over HTTP: a service's leader sets it, the job asks followed patients and relatives
/// with consent once a round, the patient answers on a lent tablet, the answers are kept without a link back, and the
/// figures of a closed round follow the k ≥ 10 rule over the whole breakdown (hand-counted below). The clock is
/// 24 November 2026: the round under way is July–December 2026.
/// </summary>
public abstract class UserSurveyTests(VardeApp app)
{
    private sealed record World(Guid Service, Guid Alfa, Guid Beta, HttpClient Leader, HttpClient Nurse);

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<World> WorldAsync(string alfaNumber, string betaNumber, string tag)
    {
        var alfa = Organisation.Municipality(Guid.NewGuid(), $"Alfa {tag}", alfaNumber, null).Value;
        var beta = Organisation.Municipality(Guid.NewGuid(), $"Beta {tag}", betaNumber, null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), $"Oppfølging {tag}", [alfa, beta], null).Value;
        await using (var db = app.Database.NewContext())
        {
            db.Organisations.AddRange(alfa, beta, service);
            await db.SaveChangesAsync();
        }

        return new World(service.Id, alfa.Id, beta.Id, await AdminKit.StaffClientAsync(app, $"leder.{tag}", Role.Leader, service.Id),
            await AdminKit.StaffClientAsync(app, $"sykepleier.{tag}", Role.Nurse, service.Id));
    }

    // A patient born on the day of March of the year (days these tests alone use), female when the individual number is even.
    private static Patient NewPatient(World world, Guid municipality, int birthDay, int birthYear, int individual, DateTimeOffset enrolledAt)
    {
        string? number = null;
        for (; number is null; individual += 2)
            number = NorwegianIdentityNumber.WithControlDigits($"{birthDay:00}03{birthYear % 100:00}{individual:000}");
        return Patient.Enrol(Guid.NewGuid(), number, "Undersøkelse Pasient", world.Service, municipality, null, null, DiagnosisGroup.Copd, enrolledAt).Value;
    }

    private static async Task<string[]> FieldsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys];
    }

    private static object[] Answers(string overall = "satisfied", string hasPlan = "yes", string? planUseful = "yes") => new object[]
    {
        new { linkId = "overall", code = overall }, new { linkId = "safety", code = "safer" }, new { linkId = "own-health", code = "better" },
        new { linkId = "quality-of-life", code = "unchanged" }, new { linkId = "physical-health", code = "unchanged" }, new { linkId = "contact", code = "always" },
        new { linkId = "equipment", code = "yes" }, new { linkId = "has-plan", code = hasPlan },
    }.Concat(planUseful is null ? [] : [new { linkId = "plan-useful", code = planUseful }]).ToArray();

    private static QuestionnaireAnswer[] AllAnswered(string overall) =>
    [
        new("overall", overall), new("safety", "safer"), new("own-health", "better"), new("quality-of-life", "unchanged"), new("physical-health", "better"),
        new("contact", "mostly"), new("equipment", "yes"), new("has-plan", "no"),
    ];

    private async Task<int> InviteAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InviteToSurveys>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ALeaderSetsTheSurvey_TheJobAsksWhoIsDue_AndThePatientAnswersOnceWithoutALinkBack()
    {
        var world = await WorldAsync("1111", "1112", "undersokelse");
        var followed = NewPatient(world, world.Alfa, 25, 1950, 100, Now.AddDays(-60));
        var newcomer = NewPatient(world, world.Beta, 25, 1950, 200, Now.AddDays(-10));
        var quiet = NewPatient(world, world.Alfa, 26, 1951, 300, Now.AddDays(-90));
        var (relative, _) = Relative.Invite(Guid.NewGuid(), followed.Id, "Kari", "datter", "+4791234567", null, null, "test", Now.AddDays(-30)).Value;
        var (withdrawn, _) = Relative.Invite(Guid.NewGuid(), followed.Id, "Ola", "sønn", "+4791234568", null, null, "test", Now.AddDays(-30)).Value;
        await using (var db = app.Database.NewContext())
        {
            db.Patients.AddRange(followed, newcomer, quiet);
            db.Relatives.AddRange(relative, withdrawn);
            var byPatient = new Caller(followed.Id.ToString(), Role.Patient, world.Service);
            db.RelativeConsents.Add(RelativeConsent.Decide(Guid.NewGuid(), relative.Id, followed.Id, 1, RelativePermissions.SeeValuesAndPlan, byPatient, null, Now.AddDays(-30)).Value);
            db.RelativeConsents.Add(RelativeConsent.Decide(Guid.NewGuid(), withdrawn.Id, followed.Id, 1, RelativePermissions.SeeValuesAndPlan, byPatient, null, Now.AddDays(-30)).Value);
            db.RelativeConsents.Add(RelativeConsent.Decide(Guid.NewGuid(), withdrawn.Id, followed.Id, 2, RelativePermissions.None, byPatient, null, Now.AddDays(-20)).Value);
            await db.SaveChangesAsync();
        }

        var withText = await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/survey",
            new { on = true, questionnaire = QuestionnaireCatalogue.DailySymptomsId, roundMonths = 6, askPatients = true, askRelatives = true });
        var badLength = await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/survey",
            new { on = true, questionnaire = QuestionnaireCatalogue.UserExperienceId, roundMonths = 5, askPatients = false, askRelatives = false });
        var byNurse = await world.Nurse.PutAsJsonAsync($"/api/services/{world.Service}/survey",
            new { on = true, questionnaire = QuestionnaireCatalogue.UserExperienceId, roundMonths = 6, askPatients = true, askRelatives = true });
        var otherLeader = await (await app.ClientForAsync("leader")).GetAsync($"/api/services/{world.Service}/survey");
        var set = await world.Leader.PutAsJsonAsync($"/api/services/{world.Service}/survey",
            new { on = true, questionnaire = QuestionnaireCatalogue.UserExperienceId, roundMonths = 6, askPatients = true, askRelatives = true });

        (await FieldsAsync(withText)).ShouldBe(["questionnaire"]);
        (await FieldsAsync(badLength)).ShouldBe(["roundMonths", "askPatients"], ignoreOrder: true);
        byNurse.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        otherLeader.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());

        // The followed patients and a relative with consent; not the newcomer (10 days), not the withdrawn relative. Once.
        (await InviteAsync()).ShouldBe(3);
        (await InviteAsync()).ShouldBe(0);
        await using (var db = app.Database.NewContext())
        {
            (await db.SurveyInvitations.Where(i => i.ServiceId == world.Service).Select(i => new { i.RespondentId, i.Respondent, i.RoundStart, i.RoundMonths }).ToListAsync())
                .Select(i => (i.RespondentId, i.Respondent, i.RoundStart, i.RoundMonths))
                .ShouldBe([(followed.Id, Respondent.Patient, new DateOnly(2026, 7, 1), 6), (quiet.Id, Respondent.Patient, new DateOnly(2026, 7, 1), 6),
                    (relative.Id, Respondent.Relative, new DateOnly(2026, 7, 1), 6)], ignoreOrder: true);
            // Each patient asked gets one reminder a week on (a relative has no channel of their own).
            (await db.Notifications.Where(n => n.Purpose == Domain.Notifications.NotificationPurpose.SurveyReminder && (n.PatientId == followed.Id || n.PatientId == quiet.Id))
                    .Select(n => new { n.PatientId, n.NextAttemptAt }).ToListAsync()).Select(n => (n.PatientId, n.NextAttemptAt))
                .ShouldBe([(followed.Id, Now + Server.Features.Notifications.Notify.SurveyReminderAfter), (quiet.Id, Now + Server.Features.Notifications.Notify.SurveyReminderAfter)], ignoreOrder: true);
        }

        var tablet = await PatientAppClients.PatientOnTabletAsync(app, followed.Id, world.Nurse);
        var today = await tablet.GetStringAsync("/pasient");
        today.ShouldContain("survey-invite");
        Guid invitation;
        await using (var db = app.Database.NewContext())
            invitation = await db.SurveyInvitations.Where(i => i.RespondentId == followed.Id).Select(i => i.Id).SingleAsync();
        Guid relativesInvitation;
        await using (var db = app.Database.NewContext())
            relativesInvitation = await db.SurveyInvitations.Where(i => i.RespondentId == relative.Id).Select(i => i.Id).SingleAsync();
        (await tablet.GetStringAsync($"/pasient/undersokelse/{invitation}")).ShouldContain("data-survey=\"" + invitation + "\"");

        var missing = await tablet.PostAsJsonAsync("/pasient/api/survey-answers", new { invitation, answers = new[] { new { linkId = "overall", code = "satisfied" } } });
        var notHers = await tablet.PostAsJsonAsync("/pasient/api/survey-answers", new { invitation = relativesInvitation, answers = Answers() });
        var stored = await tablet.PostAsJsonAsync("/pasient/api/survey-answers", new { invitation, answers = Answers("very-satisfied") });
        var again = await tablet.PostAsJsonAsync("/pasient/api/survey-answers", new { invitation, answers = Answers("very-satisfied") });

        (await FieldsAsync(missing)).ShouldContain("answers");
        notHers.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        stored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("stored");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("resent");
        (await tablet.GetStringAsync("/pasient")).ShouldNotContain("survey-invite");
        await using (var db = app.Database.NewContext())
        {
            (await db.SurveyInvitations.SingleAsync(i => i.Id == invitation)).Answered.ShouldBeTrue();
            var answers = await db.SurveyAnswers.Where(a => a.ServiceId == world.Service).ToListAsync();
            answers.Count.ShouldBe(1);
            var answer = answers[0];
            (answer.MunicipalityId, answer.AgeGroup, answer.LegalSex, answer.Respondent, answer.RoundStart, answer.QuestionnaireVersion)
                .ShouldBe((world.Alfa, "67-79", followed.LegalSex, Respondent.Patient, new DateOnly(2026, 7, 1), "1"));
            answer.Answers.Single(a => a.LinkId == "overall").Code.ShouldBe("very-satisfied");
            // Nothing in the stored answer names the patient, the relative or the invitation.
            var stored_ = JsonSerializer.Serialize(answer);
            stored_.ShouldNotContain(followed.Id.ToString());
            stored_.ShouldNotContain(invitation.ToString());
        }

        var state = await world.Leader.GetFromJsonAsync<SurveyProgrammeSettings.Response>($"/api/services/{world.Service}/survey", Json.Options);
        (state!.CurrentRound, state.Invited, state.Answered).ShouldBe(("2026-07", 3, 1));
        // The round under way shows no figures.
        (await FieldsAsync(await world.Leader.GetAsync($"/api/statistics/survey?questionnaire=user-experience&round=2026-07&months=6&service={world.Service}")))
            .ShouldBe(["round"]);

        // A week on: the patient who answered is not reminded; the one who did not is (or will be, after the night's quiet hours).
        app.Clock.Advance(Server.Features.Notifications.Notify.SurveyReminderAfter + TimeSpan.FromMinutes(1));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Server.Features.Notifications.NotificationSender>().RunAsync(default);
        await using (var db = app.Database.NewContext())
        {
            var reminders = await db.Notifications.Where(n => n.Purpose == Domain.Notifications.NotificationPurpose.SurveyReminder).ToListAsync();
            var answered = reminders.Single(n => n.PatientId == followed.Id);
            (answered.State, answered.LastError).ShouldBe((Domain.Notifications.NotificationState.NotNeeded, "survey answered"));
            reminders.Single(n => n.PatientId == quiet.Id).State.ShouldNotBe(Domain.Notifications.NotificationState.NotNeeded);
        }
    }

    [Fact]
    public async Task TheFiguresOfAClosedRound_FollowTheTenAnswerRule_OverTheWholeBreakdown()
    {
        var world = await WorldAsync("1114", "1119", "tall");
        var round = new SurveyRound(new DateOnly(2025, 1, 1), 6);
        var programme = SurveyProgramme.Set(null, world.Service, true, QuestionnaireCatalogue.UserExperienceId, 6, true, true, QuestionnaireCatalogue.BuiltIn, "test", Now).Value;
        var q = QuestionnaireCatalogue.UserExperience;
        static QuestionnaireAnswer[] Given(string overall, bool plan) =>
        [
            new("overall", overall), new("safety", "safer"), new("own-health", "better"), new("quality-of-life", "unchanged"), new("physical-health", "better"),
            new("contact", "mostly"), new("equipment", "yes"), new("has-plan", plan ? "yes" : "no"), .. plan ? new[] { new QuestionnaireAnswer("plan-useful", "yes") } : [],
        ];

        // Alfa: 12 women of 67–79 (7 very satisfied, 5 satisfied; 11 with a plan). Beta: 10 men of 67–79 (satisfied; 4 with
        // a plan) and 2 relatives of a man of 80–89 (satisfied, no plan). 24 answers; 7 very satisfied, 17 satisfied.
        var answers = new List<SurveyAnswer>();
        var patients = new List<Patient>();
        void Add(Patient patient, Respondent who, QuestionnaireAnswer[] given)
        {
            var invitation = who == Respondent.Patient
                ? SurveyInvitation.ForPatient(Guid.NewGuid(), programme, round, patient.Id, Now)
                : SurveyInvitation.ForRelative(Guid.NewGuid(), programme, round, patient.Id, Guid.NewGuid(), Now);
            answers.Add(SurveyAnswer.Give(Guid.NewGuid(), invitation, patient, q, given, new DateOnly(2025, 3, 1)).Value);
        }

        for (var i = 0; i < 12; i++)
        {
            var woman = NewPatient(world, world.Alfa, 26, 1950, 100 + i * 20, Now.AddYears(-3));
            patients.Add(woman);
            Add(woman, Respondent.Patient, Given(i < 7 ? "very-satisfied" : "satisfied", plan: i < 11));
        }

        for (var i = 0; i < 10; i++)
        {
            var man = NewPatient(world, world.Beta, 27, 1950, 101 + i * 20, Now.AddYears(-3));
            patients.Add(man);
            Add(man, Respondent.Patient, Given("satisfied", plan: i < 4));
        }

        var older = NewPatient(world, world.Beta, 27, 1940, 301, Now.AddYears(-3));
        patients.Add(older);
        Add(older, Respondent.Relative, Given("satisfied", plan: false));
        Add(older, Respondent.Relative, Given("satisfied", plan: false));
        patients.Take(12).ShouldAllBe(p => p.LegalSex == LegalSex.Female);
        patients.Skip(12).ShouldAllBe(p => p.LegalSex == LegalSex.Male);
        await using (var db = app.Database.NewContext())
        {
            db.Patients.AddRange(patients);
            db.SurveyAnswers.AddRange(answers);
            await db.SaveChangesAsync();
        }

        async Task<GetSurveyFigures.SurveyReport> FiguresAsync(string filters)
        {
            var response = await world.Leader.GetAsync($"/api/statistics/survey?questionnaire=user-experience&round=2025-01&months=6&{filters}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<GetSurveyFigures.SurveyReport>(Json.Options))!;
        }

        var whole = await FiguresAsync($"service={world.Service}");
        whole.Figures.Answers.ShouldBe(24);
        var overall = whole.Figures.Items.Single(i => i.LinkId == "overall");
        overall.Options.Select(o => (o.Code, o.Count)).ShouldBe([("very-satisfied", 7), ("satisfied", 17), ("neither", 0), ("dissatisfied", 0), ("very-dissatisfied", 0)]);
        overall.Options[0].Share.ShouldBe(7 / 24.0, 1e-9);
        // "plan-useful": 11 in Alfa and 4 in Beta, so hidden for the service (a union of its municipalities' cells),
        // shown for the installation, where it is one group of 15.
        whole.Figures.Items.Single(i => i.LinkId == "plan-useful").Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        (await FiguresAsync("")).Figures.Items.Single(i => i.LinkId == "plan-useful").Answered.ShouldBe(15);

        // Women and men: 12 each, shown; but "plan-useful" has 11 women and 4 men behind it: hidden in both.
        var women = await FiguresAsync($"service={world.Service}&sex=Female");
        women.Figures.Answers.ShouldBe(12);
        women.Figures.Items.Single(i => i.LinkId == "overall").Options.Select(o => o.Count).Take(2).ShouldBe([7, 5]);
        women.Figures.Items.Single(i => i.LinkId == "plan-useful").Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        (await FiguresAsync($"municipality={world.Alfa}")).Figures.Answers.ShouldBe(12);

        // Relatives are 2: neither they nor the 22 patients are shown; nor 67–79 (22) beside 80–89 (2), in any scope.
        (await FiguresAsync($"service={world.Service}&respondent=Relative")).Figures.Hidden.ShouldBe(SurveyHiding.TooFewAnswers);
        (await FiguresAsync($"service={world.Service}&respondent=Patient")).Figures.Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        (await FiguresAsync($"service={world.Service}&ageGroup=67-79")).Figures.Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        (await FiguresAsync($"municipality={world.Alfa}&ageGroup=67-79")).Figures.Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        // Combined: women of Alfa (12) beside men of Alfa (none), women of Beta (none) and men of Beta (12): shown.
        (await FiguresAsync($"municipality={world.Alfa}&sex=Female")).Figures.Answers.ShouldBe(12);
        (await FiguresAsync($"municipality={world.Beta}&sex=Female")).Figures.Hidden.ShouldBe(SurveyHiding.TooFewAnswers);

        // The same figures as a CSV file, hidden where they are: the service's "plan-useful" as ":", the overall question's counts.
        var file = await world.Leader.GetAsync($"/api/statistics/survey.csv?questionnaire=user-experience&round=2025-01&months=6&service={world.Service}");
        file.StatusCode.ShouldBe(HttpStatusCode.OK);
        file.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await file.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("answers;24");
        var overallText = overall.TextNb;
        lines.Where(l => l.StartsWith(overallText + ";", StringComparison.Ordinal)).Select(l => string.Join(';', l.Split(';')[2..]))
            .ShouldBe(["24;", "7;29,2", "17;70,8", "0;0,0", "0;0,0", "0;0,0"]);
        var planUseful = whole.Figures.Items.Single(i => i.LinkId == "plan-useful").TextNb;
        lines.ShouldContain($"{planUseful};({SurveyHiding.SmallGroupBeside});:;:");
        (await FieldsAsync(await world.Leader.GetAsync("/api/statistics/survey.csv?questionnaire=user-experience&round=2025-02&months=6"))).ShouldBe(["round"]);
        (await world.Nurse.GetAsync("/api/statistics/survey.csv?questionnaire=user-experience&round=2025-01&months=6")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await FieldsAsync(await world.Leader.GetAsync("/api/statistics/survey?questionnaire=user-experience&round=2025-02&months=6"))).ShouldBe(["round"]);
        (await FieldsAsync(await world.Leader.GetAsync("/api/statistics/survey?questionnaire=nope&round=2025-01&months=6"))).ShouldBe(["questionnaire"]);
        (await world.Nurse.GetAsync("/api/statistics/survey?questionnaire=user-experience&round=2025-01&months=6")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task APatientServedAcrossTheBorder_HidesEveryScopedFigure_ThatWouldGiveThemAway()
    {
        // Service 1 for Alfa: 10 answers. Service 2 for Gamma: 10 answers, and 3 from patients of service 2 living in
        // Alfa. "Service 2 − Gamma" would give those 3 away, so no service's or municipality's figures are shown; the
        // installation's are.
        var world = await WorldAsync("1116", "1117", "grense");
        var gamma = Organisation.Municipality(Guid.NewGuid(), "Gamma grense", "1118", null).Value;
        var second = Organisation.FollowUpService(Guid.NewGuid(), "Oppfølging grense 2", [gamma], null).Value;
        await using (var db = app.Database.NewContext())
        {
            db.Organisations.AddRange(gamma, second);
            await db.SaveChangesAsync();
        }

        var round = new SurveyRound(new DateOnly(2024, 7, 1), 6);
        var answers = new List<SurveyAnswer>();
        var patients = new List<Patient>();
        void Add(World service, Guid serviceId, Guid municipality, int individual)
        {
            var patient = NewPatient(service with { Service = serviceId }, municipality, 28, 1950, individual, Now.AddYears(-3));
            patients.Add(patient);
            var programme = SurveyProgramme.Set(null, serviceId, true, QuestionnaireCatalogue.UserExperienceId, 6, true, false, QuestionnaireCatalogue.BuiltIn, "test", Now).Value;
            answers.Add(SurveyAnswer.Give(Guid.NewGuid(), SurveyInvitation.ForPatient(Guid.NewGuid(), programme, round, patient.Id, Now), patient,
                QuestionnaireCatalogue.UserExperience, AllAnswered("satisfied"), new DateOnly(2024, 8, 1)).Value);
        }

        for (var i = 0; i < 10; i++)
            Add(world, world.Service, world.Alfa, 100 + i * 10);
        for (var i = 0; i < 10; i++)
            Add(world, second.Id, gamma.Id, 300 + i * 10);
        for (var i = 0; i < 3; i++)
            Add(world, second.Id, world.Alfa, 400 + i * 10);
        await using (var db = app.Database.NewContext())
        {
            db.Patients.AddRange(patients);
            db.SurveyAnswers.AddRange(answers);
            await db.SaveChangesAsync();
        }

        async Task<SurveyFigureSet> FiguresAsync(string scope) =>
            (await world.Leader.GetFromJsonAsync<GetSurveyFigures.SurveyReport>($"/api/statistics/survey?questionnaire=user-experience&round=2024-07&months=6{scope}", Json.Options))!.Figures;

        (await FiguresAsync("")).Answers.ShouldBe(23);
        (await FiguresAsync($"&service={second.Id}")).Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        (await FiguresAsync($"&municipality={gamma.Id}")).Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
        (await FiguresAsync($"&service={world.Service}")).Hidden.ShouldBe(SurveyHiding.SmallGroupBeside);
    }
}

public sealed class UserSurveyOnSqliteTests(SqliteApp app) : UserSurveyTests(app), IClassFixture<SqliteApp>;

public sealed class UserSurveyOnPostgresTests(PostgresApp app) : UserSurveyTests(app), IClassFixture<PostgresApp>;
