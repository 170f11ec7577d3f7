using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Server.Features.Fhir;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Fhir;

/// <summary>
/// Issue 20 item 7: FHIR bulk export, kick-off → status → NDJSON files, on both databases. A nurse exports her follow-up
/// service (Group = the service); every line parses with Firely's strict parser; nothing of another service's patients
/// is in it; <c>_type</c> and <c>_since</c> narrow it; only the one who asked sees it; it can be called off.
/// </summary>
public abstract class BulkExportTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task AServicesExport_IsNdjsonThatRoundTrips_WithOnlyItsOwnPatients()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 86m, Now.AddMinutes(-3))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var nurse = await app.ClientForAsync("nurse.north");

        (await nurse.GetAsync($"/fhir/Group/{TestWorld.North}/$export")).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "without Prefer: respond-async");
        var status = await KickOffAsync(nurse, $"/fhir/Group/{TestWorld.North}/$export");
        var waiting = await nurse.GetAsync(status);
        waiting.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        waiting.Headers.GetValues("X-Progress").Single().ShouldBe("waiting");
        (await (await app.ClientForAsync("nurse.south")).GetAsync(status)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "only the one who asked");
        (await RunJobAsync()).ShouldBe(1);

        var manifest = await ManifestAsync(nurse, status);
        manifest.GetProperty("requiresAccessToken").GetBoolean().ShouldBeTrue();
        manifest.GetProperty("request").GetString()!.ShouldEndWith($"/fhir/Group/{TestWorld.North}/$export");
        var resources = await DownloadAsync(nurse, manifest);
        resources.Select(r => r.TypeName).Distinct().ShouldBe(["Patient", "CarePlan", "Goal", "Observation", "DetectedIssue"], ignoreOrder: true);
        var patients = resources.OfType<Patient>().Select(p => p.Id).ToList();
        patients.ShouldContain(patient.ToString());
        patients.ShouldContain(TestWorld.PatientA.ToString());
        patients.ShouldNotContain(TestWorld.PatientSouth.ToString());
        resources.OfType<Observation>().ShouldContain(o => o.Subject!.Reference == $"Patient/{patient}" && ((Quantity)o.Value!).Value == 86m);
        resources.OfType<DetectedIssue>().ShouldContain(i => i.Patient!.Reference == $"Patient/{patient}" && i.Severity == DetectedIssue.DetectedIssueSeverity.High);
        resources.OfType<CarePlan>().ShouldContain(c => c.Subject!.Reference == $"Patient/{patient}" && c.Status == RequestStatus.Active);
        resources.Where(r => r is Observation or DetectedIssue or CarePlan).ShouldNotContain(r => r.ToString()!.Contains(TestWorld.PatientSouth.ToString()));
        await using (var db = app.Database.NewContext())
            (await db.AccessLog.AnyAsync(e => e.PatientId == patient && e.Action == "fhir.export" && e.ActorId == TestWorld.NurseNorth.ToString())).ShouldBeTrue();

        (await nurse.DeleteAsync(status)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await nurse.GetAsync(status)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "called off: the files are gone");
    }

    [Fact]
    public async Task TypeAndSince_NarrowTheExport_AndBadRequestsAreRefused()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var since = Now.AddMinutes(-1);
        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 95m, Now.AddMinutes(-2))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var nurse = await app.ClientForAsync("nurse.north");

        var status = await KickOffAsync(nurse, $"/fhir/Patient/$export?_type=Observation&_since={Uri.EscapeDataString(since.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture))}");
        await RunJobAsync();
        var resources = await DownloadAsync(nurse, await ManifestAsync(nurse, status));

        resources.ShouldAllBe(r => r is Observation);
        resources.Cast<Observation>().Select(o => o.Subject!.Reference).ShouldBe([$"Patient/{patient}"], "only what arrived since");

        (await Prefer(nurse, "/fhir/$export?_type=Medication")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Prefer(nurse, "/fhir/$export?_since=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Prefer(nurse, "/fhir/$export?_outputFormat=text/csv")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Prefer(nurse, "/fhir/$export?patient=Patient/1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Prefer(nurse, $"/fhir/Group/{TestWorld.Horten}/$export")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a municipality is not a group");
        (await Prefer(gateway, "/fhir/$export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a gateway has no scope to read patients");
    }

    private static Task<HttpResponseMessage> Prefer(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Add("Accept", "application/fhir+json");
        return client.SendAsync(request);
    }

    internal static async Task<string> KickOffAsync(HttpClient client, string path)
    {
        var response = await Prefer(client, path);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return response.Content.Headers.ContentLocation?.ToString() ?? response.Headers.GetValues("Content-Location").Single();
    }

    private async Task<int> RunJobAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BulkExportJob>().RunAsync(default);
    }

    internal static async Task<JsonElement> ManifestAsync(HttpClient client, string status)
    {
        var response = await client.GetAsync(status);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static async Task<List<Resource>> DownloadAsync(HttpClient client, JsonElement manifest)
    {
        var resources = new List<Resource>();
        foreach (var file in manifest.GetProperty("output").EnumerateArray())
        {
            var request = new HttpRequestMessage(HttpMethod.Get, file.GetProperty("url").GetString());
            request.Headers.Add("Accept", "application/fhir+ndjson");
            var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+ndjson");
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(file.GetProperty("count").GetInt32());
            foreach (var line in lines)
            {
                var resource = JsonSerializer.Deserialize<Resource>(line, FhirJson.Strict)!;
                resource.TypeName.ShouldBe(file.GetProperty("type").GetString());
                resources.Add(resource);
            }
        }

        return resources;
    }
}

public sealed class BulkExportOnSqliteTests(SqliteApp app) : BulkExportTests(app), IClassFixture<SqliteApp>;

public sealed class BulkExportOnPostgresTests(PostgresApp app) : BulkExportTests(app), IClassFixture<PostgresApp>;
