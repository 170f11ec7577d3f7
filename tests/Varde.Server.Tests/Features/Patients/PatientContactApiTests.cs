using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Fhir;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Patients;

/// <summary>
/// Issue 19 item 2: the patient's phone numbers and next of kin where the nurse works — set at enrolment or on the
/// patient page, shown on the alert panel and in FHIR, changed only by the service's nurses and coordinators.
/// </summary>
public abstract class PatientContactApiTests(VardeApp app)
{
    private static readonly object Full = new
    {
        phone = "+47 912 34 567", otherPhone = "33 03 12 00", nextOfKin = new { name = "Kari Pasient", relation = "datter", phone = "987 65 432" },
    };

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static async Task<PatientResponse> PutAsync(HttpClient client, Guid patient, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PutAsJsonAsync($"/api/patients/{patient}/contact", body);
        response.StatusCode.ShouldBe(expected);
        return expected == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<PatientResponse>(Json.Options))! : null!;
    }

    [Fact]
    public async Task ANurseSetsTheNumbersAndNextOfKin_TheyAreShownWithCallLinks_AndTheChangeIsAccessLogged()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));

        var changed = await PutAsync(nurse, patient, Full);

        changed.Contact.Phone.ShouldBe(new PhoneResponse("+47 912 34 567", "tel:+4791234567"));
        changed.Contact.OtherPhone.ShouldBe(new PhoneResponse("33 03 12 00", "tel:33031200"));
        changed.Contact.NextOfKin.ShouldBe(new NextOfKinResponse("Kari Pasient", "datter", new PhoneResponse("987 65 432", "tel:98765432")));
        (await nurse.GetFromJsonAsync<PatientResponse>($"/api/patients/{patient}", Json.Options))!.Contact.ShouldBe(changed.Contact);
        await using var db = app.Database.NewContext();
        var stored = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient);
        stored.ContactChangedAt.ShouldBe(app.Clock.GetUtcNow());
        (await db.AccessLog.CountAsync(e => e.PatientId == patient && e.Action == ChangePatientContact.Action && e.Outcome == AccessOutcome.Allowed))
            .ShouldBe(1);
        app.Logs.Lines.ShouldNotContain(l => l.Contains("912 34 567") || l.Contains("Kari Pasient"));

        // The same again changes nothing and logs nothing more; emptying every field removes them.
        await PutAsync(nurse, patient, Full);
        (await db.AccessLog.CountAsync(e => e.PatientId == patient && e.Action == ChangePatientContact.Action)).ShouldBe(1);
        var emptied = await PutAsync(nurse, patient, new { phone = "", otherPhone = (string?)null, nextOfKin = new { name = " ", relation = "", phone = "" } });
        emptied.Contact.ShouldBe(new ContactResponse(null, null, null));
    }

    [Fact]
    public async Task BadInput_IsRefusedByField_AndWhatWasStoredStays()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        await PutAsync(nurse, patient, Full);

        var response = await nurse.PutAsJsonAsync($"/api/patients/{patient}/contact",
            new { phone = "12", otherPhone = "33 03 12 00", nextOfKin = new { name = "Kari Pasient", relation = "", phone = "ring meg" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys
            .ShouldBe(["phone", "nextOfKin.relation", "nextOfKin.phone"], ignoreOrder: true);
        await using var db = app.Database.NewContext();
        var stored = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient);
        stored.Contact.Phone.ShouldBe("+47 912 34 567");
        stored.Contact.NextOfKin!.Relation.ShouldBe("datter");
    }

    [Theory]
    [InlineData("nurse.south", HttpStatusCode.NotFound)]
    [InlineData("gp", HttpStatusCode.Forbidden)]
    [InlineData("specialist", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    public async Task OnlyTheServicesNursesAndCoordinators_MayChangeIt(string user, HttpStatusCode expected)
    {
        var client = await app.ClientForAsync(user);
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);

        var response = await client.PutAsJsonAsync($"/api/patients/{patient}/contact", Full);

        response.StatusCode.ShouldBe(expected);
        await using var db = app.Database.NewContext();
        (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient)).Contact.ShouldBe(PatientContact.None);
        if (expected == HttpStatusCode.NotFound)
            (await db.AccessLog.CountAsync(e => e.PatientId == patient && e.Action == ChangePatientContact.Action && e.Outcome == AccessOutcome.Denied))
                .ShouldBe(1);
    }

    [Fact]
    public async Task TheGp_SeesTheNumbers_AnotherServicesNurseDoesNot()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        await PutAsync(nurse, patient, Full);

        var gp = await app.ClientForAsync("gp");
        (await gp.GetFromJsonAsync<PatientResponse>($"/api/patients/{patient}", Json.Options))!.Contact.Phone!.Number.ShouldBe("+47 912 34 567");
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheAlertPanel_HasTheNumbersToCall()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var gateway = await app.GatewayClientAsync();
        var patient = await PatientAsync(app, Now.AddDays(-10));
        await PutAsync(nurse, patient, Full);
        var posted = await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 86m, Now.AddMinutes(-5)));
        posted.StatusCode.ShouldBe(HttpStatusCode.Created);
        var alertId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alertId").GetGuid();

        var shown = (await nurse.GetFromJsonAsync<GetAlert.Response>($"/api/alerts/{alertId}", Json.Options))!;

        shown.Contact.Phone!.Tel.ShouldBe("tel:+4791234567");
        shown.Contact.NextOfKin!.Phone.Tel.ShouldBe("tel:98765432");
    }

    [Fact]
    public async Task ContactGivenAtEnrolment_IsStored_AndABadNumberRefusesTheEnrolment()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        string? number = null;
        for (var individual = 400; number is null; individual++)
            number = NorwegianIdentityNumber.WithControlDigits($"050650{individual:D3}");
        var refused = await nurse.PostAsJsonAsync("/api/patients", new
        {
            identityNumber = number, name = "Pasient Med Telefon", municipalityId = TestWorld.Horten, diagnoses = new[] { "copd" },
            contact = new { phone = "12" },
        });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["contact.phone"]);

        var enrolled = await nurse.PostAsJsonAsync("/api/patients", new
        {
            identityNumber = number, name = "Pasient Med Telefon", municipalityId = TestWorld.Horten, diagnoses = new[] { "copd" },
            contact = new { phone = "912 34 567" },
        });

        enrolled.StatusCode.ShouldBe(HttpStatusCode.Created);
        var patient = (await enrolled.Content.ReadFromJsonAsync<PatientResponse>(Json.Options))!;
        patient.Contact.ShouldBe(new ContactResponse(new PhoneResponse("912 34 567", "tel:91234567"), null, null));
        await using var db = app.Database.NewContext();
        (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patient.Id)).ContactChangedAt.ShouldBeNull();
    }

    [Fact]
    public async Task FhirPatient_HasTelecomRankedAndTheNextOfKinAsContact()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        await PutAsync(nurse, patient, Full);

        var response = await nurse.GetAsync($"/fhir/Patient/{patient}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fhir = (Hl7.Fhir.Model.Patient)JsonSerializer.Deserialize<Resource>(await response.Content.ReadAsStringAsync(), FhirJson.Strict)!;
        fhir.Telecom.Select(t => (t.System, t.Value, t.Rank)).ShouldBe([
            (ContactPoint.ContactPointSystem.Phone, "+47 912 34 567", 1),
            (ContactPoint.ContactPointSystem.Phone, "33 03 12 00", 2),
        ]);
        var kin = fhir.Contact.ShouldHaveSingleItem();
        kin.Relationship.Single().Coding.Single().Code.ShouldBe("N");
        kin.Relationship.Single().Text.ShouldBe("datter");
        kin.Name!.Text.ShouldBe("Kari Pasient");
        kin.Telecom.Single().Value.ShouldBe("987 65 432");
        fhir.Meta!.LastUpdated.ShouldBe(app.Clock.GetUtcNow());
    }
}

public sealed class PatientContactApiOnSqliteTests(SqliteApp app) : PatientContactApiTests(app), IClassFixture<SqliteApp>;

public sealed class PatientContactApiOnPostgresTests(PostgresApp app) : PatientContactApiTests(app), IClassFixture<PostgresApp>;
