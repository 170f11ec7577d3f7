using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Server.Tests.Infrastructure;
using Varde.TestIdentityProvider;

namespace Varde.Server.Tests.Auth;

/// <summary>
/// Staff sign in with HelseID and patients with ID-porten, against a real OpenID provider (the stand-in) on 127.0.0.1:
/// code flow with PKCE, private_key_jwt, and each way a sign-in must be refused.
/// </summary>
public abstract class ExternalSignInTests(ExternalSignInApp app)
{
    private const string Staff = "/login/helseid?returnUrl=%2F";
    private const string Patient = "/pasient/logg-inn/idporten";

    [Fact]
    public async Task Gp_SignsInWithHelseId_AndLandsSignedIn()
    {
        using var flow = new ExternalSignInFlow(app);

        using var answer = await flow.SignInAsync(Staff, "Gunnar Lege", "13097248022", hpr: "1234567");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("url=/\"");
        // A GP's home is the patient list.
        using var home = await flow.Varde.GetAsync("/");
        home.Headers.Location!.ToString().ShouldEndWith("/patients");
        using var patients = await flow.Varde.GetAsync("/patients");
        patients.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await patients.Content.ReadAsStringAsync()).ShouldContain("Gunnar Lege");
    }

    [Fact]
    public async Task SignIn_ComesBackToTheAddressAskedFor_ButNeverToAnotherSite()
    {
        using var deep = new ExternalSignInFlow(app);
        using var back = await deep.SignInAsync("/login/helseid?returnUrl=%2Fpatients%3Fq%3DAnna", "Gunnar Lege", null, hpr: "1234567");
        (await back.Content.ReadAsStringAsync()).ShouldContain("url=/patients?q=Anna\"");

        using var sneaky = new ExternalSignInFlow(app);
        using var home = await sneaky.SignInAsync("/login/helseid?returnUrl=%2F%09%2Fevil.example", "Gunnar Lege", null, hpr: "1234567");
        (await home.Content.ReadAsStringAsync()).ShouldContain("url=/\"");
    }

    [Fact]
    public async Task StaffSession_EndsWhenItsHprNumberMovesToAnotherRecord()
    {
        using var flow = new ExternalSignInFlow(app);
        (await flow.SignInAsync(Staff, "Sara Spesialist", null, hpr: "7654321")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flow.Varde.GetAsync("/patients")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using (var db = app.Database.NewContext())
        {
            var specialist = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.StaffMembers, s => s.Id == TestWorld.Specialist);
            specialist.Edit(specialist.Name, specialist.Role, specialist.OrganisationId, "7654320").ShouldBeEmpty();
            await db.SaveChangesAsync();
        }

        using var after = await flow.Varde.GetAsync("/patients");
        after.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().ShouldContain("/login");
    }

    [Fact]
    public async Task PatientSession_EndsWhenTheFollowUpEnds()
    {
        using var flow = new ExternalSignInFlow(app);
        (await flow.SignInAsync(Patient, "Sølvi Sør", "53097248016")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flow.Varde.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var now = app.Clock.GetUtcNow();
        var south = new Caller(TestWorld.NurseSouth.ToString(), Role.Nurse, TestWorld.South);
        var ended = Pathway.Refer(Guid.NewGuid(), TestWorld.PatientSouth, "fastlege", south, now.AddMinutes(-3)).Value;
        ended.StartAssessment(south, now.AddMinutes(-2)).ShouldBeEmpty();
        ended.End(EndReason.Moved, null, south, now.AddMinutes(-1)).ShouldBeEmpty();
        await using (var db = app.Database.NewContext())
        {
            db.Pathways.Add(ended);
            await db.SaveChangesAsync();
        }

        (await flow.Varde.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Authorize_WithoutPkce_IsRefusedByTheProvider()
    {
        using var flow = new ExternalSignInFlow(app);
        var authorize = await flow.StartAsync(Staff);
        var query = QueryHelpers.ParseQuery(authorize.Query).Where(p => !p.Key.StartsWith("code_challenge", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        using var provider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var answer = await provider.GetAsync(QueryHelpers.AddQueryString(new Uri(authorize, "/connect/authorize").ToString(), query));

        // OpenIddict sends the error back to the client's redirect address (or answers 400 itself).
        var location = answer.Headers.Location?.ToString() ?? await answer.Content.ReadAsStringAsync();
        location.ShouldContain("invalid_request");
    }

    [Fact]
    public async Task WrongAudience_IsRefused_WithNoSession()
    {
        using var flow = new ExternalSignInFlow(app);
        var callback = await flow.ChooseAsync(await flow.StartAsync(Staff), "Gunnar Lege", "13097248022", hpr: "1234567");
        app.IdentityProvider.Faults.ForNextToken(TestFault.WrongAudience);

        using var answer = await flow.CompleteAsync(callback);

        await ShouldBeRefusedAsync(flow, answer, "/login/avvist?grunn=Failed");
    }

    [Fact]
    public async Task ExpiredIdToken_IsRefused_WithNoSession()
    {
        using var flow = new ExternalSignInFlow(app);
        var callback = await flow.ChooseAsync(await flow.StartAsync(Staff), "Gunnar Lege", "13097248022", hpr: "1234567");
        app.IdentityProvider.Faults.ForNextToken(TestFault.Expired);

        using var answer = await flow.CompleteAsync(callback);

        await ShouldBeRefusedAsync(flow, answer, "/login/avvist?grunn=Failed");
    }

    [Fact]
    public async Task MissingHprNumber_IsRefused()
    {
        using var flow = new ExternalSignInFlow(app);

        using var answer = await flow.SignInAsync(Staff, "Gunnar Lege", "13097248022", hpr: null);

        await ShouldBeRefusedAsync(flow, answer, "/login/avvist?grunn=NoHprNumber");
    }

    [Fact]
    public async Task UnknownHprNumber_IsRefused()
    {
        using var flow = new ExternalSignInFlow(app);

        using var answer = await flow.SignInAsync(Staff, "Ukjent Lege", "04055040503", hpr: "9999991");

        await ShouldBeRefusedAsync(flow, answer, "/login/avvist?grunn=UnknownPerson");
    }

    [Fact]
    public async Task SecurityLevelBelowFour_IsRefused()
    {
        using var flow = new ExternalSignInFlow(app);

        using var answer = await flow.SignInAsync(Staff, "Gunnar Lege", "13097248022", hpr: "1234567", level: "3");

        await ShouldBeRefusedAsync(flow, answer, "/login/avvist?grunn=LevelTooLow");
    }

    [Fact]
    public async Task UsedCode_SwappedIntoAnotherSignIn_IsRefused()
    {
        using var first = new ExternalSignInFlow(app);
        (await first.SignInAsync(Staff, "Gunnar Lege", "13097248022", hpr: "1234567")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var usedCode = QueryHelpers.ParseQuery(first.LastCallback!.Query)["code"].ToString();

        // An attacker who saw the code starts a sign-in of their own and swaps the code in.
        using var attacker = new ExternalSignInFlow(app);
        var callback = await attacker.ChooseAsync(await attacker.StartAsync(Staff), "Someone", "04055040503", hpr: "9999991");
        var state = QueryHelpers.ParseQuery(callback.Query)["state"].ToString();
        using var answer = await attacker.CompleteAsync(new Uri(QueryHelpers.AddQueryString("http://localhost/signin-helseid",
            new Dictionary<string, string?> { ["code"] = usedCode, ["state"] = state, ["iss"] = QueryHelpers.ParseQuery(callback.Query)["iss"].ToString() })));

        await ShouldBeRefusedAsync(attacker, answer, "/login/avvist?grunn=Failed");
    }

    [Fact]
    public async Task Patient_SignsInWithIdPortenAtHighLevel_AndHasThePatientApp()
    {
        using var flow = new ExternalSignInFlow(app);
        var authorize = await flow.StartAsync(Patient);
        QueryHelpers.ParseQuery(authorize.Query)["acr_values"].ToString().ShouldBe("idporten-loa-high");

        using var answer = await flow.CompleteAsync(await flow.ChooseAsync(authorize, "Anna Pasient", "13097248022"));

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flow.Varde.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await flow.Varde.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a patient session is not a staff session");
    }

    [Fact]
    public async Task Patient_AtSubstantialLevel_IsRefused()
    {
        using var flow = new ExternalSignInFlow(app);

        using var answer = await flow.SignInAsync(Patient, "Anna Pasient", "13097248022", level: ProviderClaims.IdPortenSubstantial);

        answer.Headers.Location!.ToString().ShouldBe("/pasient/avvist?grunn=LevelTooLow");
        (await flow.Varde.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Relative_WithTheirIdentityNumberInTheConsent_SignsInWithIdPorten_ForThePatient_UntilTheConsentIsWithdrawn()
    {
        var now = app.Clock.GetUtcNow();
        var (relative, _) = Varde.Domain.Relatives.Relative.Invite(Guid.NewGuid(), TestWorld.PatientA, "Per Pasient", "sønn", "90000000", null,
            "15021951940", TestWorld.PatientA.ToString(), now).Value;
        var patientCaller = new Caller(TestWorld.PatientA.ToString(), Role.Patient, TestWorld.North);
        await using (var db = app.Database.NewContext())
        {
            db.Relatives.Add(relative);
            db.RelativeConsents.Add(Varde.Domain.Relatives.RelativeConsent.Decide(Guid.NewGuid(), relative.Id, TestWorld.PatientA, 1,
                Varde.Domain.Relatives.RelativePermissions.SeeValuesAndPlan, patientCaller, null, now).Value);
            await db.SaveChangesAsync();
        }

        using var flow = new ExternalSignInFlow(app);
        using var answer = await flow.SignInAsync(Patient, "Per Pasient", "15021951940");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flow.Varde.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await flow.Varde.GetStringAsync("/pasient")).ShouldContain("Anna");
        (await flow.Varde.GetAsync("/pasient/api/access-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the access log is the patient's own");

        await using (var db = app.Database.NewContext())
        {
            db.RelativeConsents.Add(Varde.Domain.Relatives.RelativeConsent.Decide(Guid.NewGuid(), relative.Id, TestWorld.PatientA, 2,
                Varde.Domain.Relatives.RelativePermissions.None, patientCaller, null, now).Value);
            await db.SaveChangesAsync();
        }

        (await flow.Varde.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var later = new ExternalSignInFlow(app);
        (await later.SignInAsync(Patient, "Per Pasient", "15021951940")).Headers.Location!.ToString().ShouldBe("/pasient/avvist?grunn=NotEnrolled");
    }

    [Fact]
    public async Task PersonNotEnrolled_GetsAPlainPage_NotAnError()
    {
        using var flow = new ExternalSignInFlow(app);

        using var answer = await flow.SignInAsync(Patient, "Ikke Registrert", "03055041015");

        answer.Headers.Location!.ToString().ShouldBe("/pasient/avvist?grunn=NotEnrolled");
        using var page = await flow.Varde.GetAsync(answer.Headers.Location!.ToString());
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("ikke registrert for digital hjemmeoppf");
        (await flow.Varde.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LoginPages_OfferTheProviders_AndPasswordsStayInDevelopment()
    {
        using var flow = new ExternalSignInFlow(app);

        var staffPage = await flow.Varde.GetStringAsync("/login");
        var patientPage = await flow.Varde.GetStringAsync("/pasient/logg-inn");

        staffPage.ShouldContain("/login/helseid?returnUrl=");
        staffPage.ShouldContain("id=\"password\"");
        patientPage.ShouldContain("/pasient/logg-inn/idporten");
    }

    private static async Task ShouldBeRefusedAsync(ExternalSignInFlow flow, HttpResponseMessage answer, string refusal)
    {
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldBe(refusal);
        using var home = await flow.Varde.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldContain("/login");
        using var page = await flow.Varde.GetAsync(refusal);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class ExternalSignInOnSqliteTests(ExternalSignInSqliteApp app) : ExternalSignInTests(app), IClassFixture<ExternalSignInSqliteApp>;

public sealed class ExternalSignInOnPostgresTests(ExternalSignInPostgresApp app) : ExternalSignInTests(app), IClassFixture<ExternalSignInPostgresApp>;
