using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Varde.Domain.Access;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Relatives;

/// <summary>
/// Relatives with the patient's consent (issue 18 item 4), over HTTP on both databases: invited by the patient or by her
/// nurse on her documented wish, signed in with the one-time code through the real form, acting within the consent,
/// marked as themselves, and shut out the moment the consent is withdrawn.
/// </summary>
public abstract partial class RelativesTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private HttpClient Browser() => PatientAppClients.Browser(app);

    private Task<HttpClient> PatientOnTabletAsync(Guid patient) => PatientAppClients.PatientOnTabletAsync(app, patient);

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields) =>
        PatientAppClients.PostFormAsync(client, path, handler, fields);

    private static Task<HttpResponseMessage> RelativeSignsInAsync(HttpClient relative, string code) => PatientAppClients.RelativeSignsInAsync(relative, code);

    private static object Invitation(string[] permissions, string? basis = null, string? pid = null) => new
    {
        name = "Kari Nordmann", relation = "datter", phone = "+47 912 34 567", identityNumber = pid, permissions, basis,
    };

    private static async Task<(Guid Id, string Code)> InvitedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("relative").GetProperty("id").GetGuid(), body.GetProperty("code").GetString()!);
    }

    [Fact]
    public async Task PatientInvitesARelative_WhoSendsAReadingMarkedAsTheirs_AndIsShutOutTheMomentConsentIsWithdrawn()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientOnTabletAsync(patient);
        var (relativeId, code) = await InvitedAsync(await tablet.PostAsJsonAsync("/pasient/api/relatives",
            Invitation(["see-values-and-plan", "send-reports"])));
        code.ShouldMatch("^[0-9]{8}$");

        var relative = Browser();
        var signedIn = await RelativeSignsInAsync(relative, code);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        (await relative.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var today = await relative.GetStringAsync("/pasient");
        today.ShouldContain("Kari");
        today.ShouldContain("relative-banner");
        var sent = await relative.PostAsJsonAsync("/pasient/api/measurements", Reading("oxygen-saturation", 95m, Now.AddMinutes(-1), clientId: "kari-1"));
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());

        // The patient's own rights stay hers: the access log and the relatives.
        (await relative.GetAsync("/pasient/api/access-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await relative.GetAsync("/pasient/api/relatives")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await relative.PutAsJsonAsync($"/pasient/api/relatives/{relativeId}/consent", new { permissions = new[] { "see-values-and-plan", "send-reports", "receive-messages" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // Nor is a relative staff.
        (await relative.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var nurse = await app.ClientForAsync("nurse.north");
        var overview = await nurse.GetFromJsonAsync<GetPatientOverview.Response>($"/api/patients/{patient}/overview", Json.Options);
        var sentId = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        overview!.Reports.Single(r => r.Id == sentId).SentBy.ShouldBe("datter Kari Nordmann");

        var withdrawn = await tablet.PutAsJsonAsync($"/pasient/api/relatives/{relativeId}/consent", new { permissions = Array.Empty<string>() });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());

        (await relative.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await relative.PostAsJsonAsync("/pasient/api/measurements", Reading("oxygen-saturation", 94m, Now, clientId: "kari-2")))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = Browser();
        (await RelativeSignsInAsync(again, code)).StatusCode.ShouldBe(HttpStatusCode.OK, "a used code does not sign in again");
        (await again.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var list = await tablet.GetFromJsonAsync<JsonElement>("/pasient/api/relatives");
        var history = list.EnumerateArray().Single().GetProperty("history").EnumerateArray().ToList();
        history.Count.ShouldBe(2);
        history[0].GetProperty("permissions").GetArrayLength().ShouldBe(0);
        history[1].GetProperty("byRole").GetString().ShouldBe("patient");
    }

    [Fact]
    public async Task AChangedConsent_AppliesOnTheRelativesNextRequest()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientOnTabletAsync(patient);
        var (relativeId, code) = await InvitedAsync(await tablet.PostAsJsonAsync("/pasient/api/relatives", Invitation(["see-values-and-plan", "send-reports"])));
        var relative = Browser();
        await RelativeSignsInAsync(relative, code);

        (await tablet.PutAsJsonAsync($"/pasient/api/relatives/{relativeId}/consent", new { permissions = new[] { "see-values-and-plan" } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await relative.PostAsJsonAsync("/pasient/api/measurements", Reading("oxygen-saturation", 95m, Now, clientId: "k-1")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await relative.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var today = await relative.GetStringAsync("/pasient");
        today.ShouldNotContain("/pasient/maling/");
        (await relative.GetAsync("/pasient/maling/oxygen-saturation")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ANurse_InvitesOnlyOnTheDocumentedWish_OthersAreRefusedWithoutLearningAnything()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");

        var noBasis = await nurse.PostAsJsonAsync($"/api/patients/{patient}/relatives", Invitation(["see-values-and-plan"]));
        noBasis.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noBasis.Content.ReadAsStringAsync()).ShouldContain("basis");
        var sendOnly = await nurse.PostAsJsonAsync($"/api/patients/{patient}/relatives", Invitation(["send-reports"], "Journalnotat 24.11."));
        sendOnly.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nurse.PostAsJsonAsync($"/api/patients/{patient}/relatives", Invitation([], "Journalnotat 24.11."))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var (relativeId, _) = await InvitedAsync(await nurse.PostAsJsonAsync($"/api/patients/{patient}/relatives",
            Invitation(["see-values-and-plan"], "Journalnotat 24.11., ønsket ved hjemmebesøk", pid: "15021951940")));

        var south = await app.ClientForAsync("nurse.south");
        (await south.PostAsJsonAsync($"/api/patients/{patient}/relatives", Invitation(["see-values-and-plan"], "x"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.GetAsync($"/api/patients/{patient}/relatives")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.PutAsJsonAsync($"/api/patients/{patient}/relatives/{relativeId}/consent", new { permissions = Array.Empty<string>(), basis = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var gp = await app.ClientForAsync("gp");
        (await gp.PostAsJsonAsync($"/api/patients/{patient}/relatives", Invitation(["see-values-and-plan"], "x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PutAsJsonAsync($"/api/patients/{patient}/relatives/{Guid.NewGuid()}/consent", new { permissions = Array.Empty<string>(), basis = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var twice = await nurse.PostAsJsonAsync($"/api/patients/{patient}/relatives", Invitation(["see-values-and-plan"], "Journalnotat", pid: "15021951940"));
        twice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var withdraw = await nurse.PutAsJsonAsync($"/api/patients/{patient}/relatives/{relativeId}/consent", new { permissions = Array.Empty<string>() });
        withdraw.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "staff say where the wish is documented, also to withdraw");
        var withdrawn = await nurse.PutAsJsonAsync($"/api/patients/{patient}/relatives/{relativeId}/consent",
            new { permissions = Array.Empty<string>(), basis = "Telefon fra pasienten 24.11." });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await withdrawn.Content.ReadFromJsonAsync<JsonElement>();
        var relative = body.GetProperty("relative");
        relative.GetProperty("signsInWithIdPorten").GetBoolean().ShouldBeTrue();
        relative.TryGetProperty("identityNumber", out _).ShouldBeFalse("the relative's identity number is not sent back");
        var history = relative.GetProperty("history").EnumerateArray().ToList();
        (history[0].GetProperty("byName").GetString(), history[0].GetProperty("basis").GetString()).ShouldBe(("Nora Nord", "Telefon fra pasienten 24.11."));
        (await nurse.PostAsync($"/api/patients/{patient}/relatives/{relativeId}/code", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var gpList = await gp.GetAsync($"/api/patients/{patient}/relatives");
        gpList.StatusCode.ShouldBe(HttpStatusCode.NotFound, "this patient has no GP: the GP is outside her care");
    }

    [Fact]
    public async Task TheRelativesActs_AreInThePatientsAccessLog_UnderTheirName()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientOnTabletAsync(patient);
        var (_, code) = await InvitedAsync(await tablet.PostAsJsonAsync("/pasient/api/relatives", Invitation(["see-values-and-plan"])));
        var relative = Browser();
        await RelativeSignsInAsync(relative, code);
        (await relative.GetAsync("/pasient/verdier")).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var page = (await tablet.GetFromJsonAsync<ListAccessHistory.Page>("/pasient/api/access-log", Json.Options))!;

        var signIn = page.Lines.Single(l => l.Action == "relative.sign-in");
        (signIn.ActorName, signIn.ActorRole, signIn.WhatNb).ShouldBe(("Kari Nordmann (datter)", Role.Relative, "logget inn som din pårørende"));
        page.Lines.ShouldContain(l => l.ActorRole == Role.Relative && l.Action == "patient.overview.read");
        page.Lines.ShouldContain(l => l.You && l.Action == "relatives.invite");
    }

    [Fact]
    public async Task AWrongCode_SignsNobodyIn_AndSaysSoPlainly()
    {
        var stranger = Browser();

        var answer = await RelativeSignsInAsync(stranger, "12345678");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("Koden virker ikke");
        (await stranger.GetAsync("/pasient/api/session")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

}

public sealed class RelativesOnSqliteTests(SqliteApp app) : RelativesTests(app), IClassFixture<SqliteApp>;

public sealed class RelativesOnPostgresTests(PostgresApp app) : RelativesTests(app), IClassFixture<PostgresApp>;
