using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Data;
using Varde.Domain.Exports;
using Varde.Server.Features.Delivery;
using Varde.Server.Features.Fhir;
using Varde.Server.Features.NationalExport;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.NationalExport;

/// <summary>
/// Issue 20 item 5 (ADR 0046): readings go to the national services as VKP Observations in PMD batch Bundles, each
/// reading once (in the order received, after the watermark), each with what the VKP profiles require — the patient as
/// a logical reference by fødselsnummer with the name, the profile's SNOMED CT code, the general profile's responsible
/// organisation — and each batch through the outbound boundary with retries.
/// </summary>
public abstract class NationalExportTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task EachReading_GoesOutOnce_InItsVkpProfile_InAPmdBatch()
    {
        await using (var db = app.Database.NewContext())
        {
            var north = await db.Organisations.SingleAsync(o => o.Id == TestWorld.North);
            north.Edit(north.Name, north.MunicipalityNumber, "974760673", north.HealthCommunityId).ShouldBeEmpty();
            await db.SaveChangesAsync();
        }

        await WriteAsync(); // what earlier tests on this server left
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();
        foreach (var reading in new object[]
                 {
                     Reading("oxygen-saturation", 95m, Now.AddMinutes(-30)),
                     new { type = "blood-pressure", systolic = 135m, diastolic = 85m, unit = "mmHg", effectiveAt = Now.AddMinutes(-20), clientId = Guid.NewGuid().ToString() },
                     Reading("body-weight", 76m, Now.AddMinutes(-10), unit: "kg"),
                     new { type = "peak-flow", value = 420m, unit = "L/min", effectiveAt = Now.AddMinutes(-5), clientId = Guid.NewGuid().ToString() },
                 })
        {
            var response = await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", reading);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        (await WriteAsync()).ShouldBe(0, "not before the readings have settled");
        app.Clock.Advance(NationalExportWriter.Settle + TimeSpan.FromSeconds(1));
        (await WriteAsync()).ShouldBe(4);
        (await WriteAsync()).ShouldBe(0, "each reading once");

        var batch = await NewestBatchAsync();
        batch.Type.ShouldBe(Bundle.BundleType.Batch);
        batch.Meta!.Profile.ShouldBe([VkpObservations.PmdBundle]);
        batch.Entry.Count.ShouldBe(4);
        batch.Entry.ShouldAllBe(e => e.FullUrl == $"urn:uuid:{e.Resource!.Id}" && e.Request!.Method == Bundle.HTTPVerb.PUT
            && e.Request.Url == $"Observation?identifier={Uri.EscapeDataString(VkpObservations.ReadingIdSystem)}|{e.Resource.Id}");
        var observations = batch.Entry.Select(e => (Observation)e.Resource!).ToList();

        string nin;
        await using (var db = app.Database.NewContext())
            nin = await db.Patients.Where(p => p.Id == patient).Select(p => p.IdentityNumber).SingleAsync();
        foreach (var o in observations)
        {
            o.Subject!.Reference.ShouldBeNull("VKP names the patient by identifier, never by a Patient reference");
            (o.Subject.Identifier!.System, o.Subject.Identifier.Value).ShouldBe((VkpObservations.FodselsnummerSystem, nin));
            o.Subject.Display.ShouldNotBeNullOrWhiteSpace();
            o.Status.ShouldBe(ObservationStatus.Final);
            o.Effective.ShouldBeOfType<FhirDateTime>();
            o.Meta!.Profile.ShouldHaveSingleItem();
        }

        Observation Of(string loinc) => observations.Single(o => o.Code.Coding.Any(c => c.System == ObservationCodes.Loinc && c.Code == loinc));
        var spo2 = Of("2708-6");
        spo2.Meta!.Profile.Single().ShouldBe("http://hl7.no/fhir/StructureDefinition/vkp-Observation-Oxygensat");
        spo2.Code.Coding.ShouldContain(c => c.System == ObservationCodes.Snomed && c.Code == "431314004");
        spo2.Performer.ShouldBeEmpty("the specific profiles allow only a practitioner as performer");
        var bp = Of("85354-9");
        bp.Meta!.Profile.Single().ShouldBe("http://hl7.no/fhir/StructureDefinition/vkp-vitalsignsobservation-bloodpressure");
        bp.Code.Coding.ShouldContain(c => c.System == ObservationCodes.Snomed && c.Code == "75367002");
        bp.Component.Select(c => ((Quantity)c.Value!).Value).ShouldBe([135m, 85m]);
        Of("29463-7").Meta!.Profile.Single().ShouldBe("http://hl7.no/fhir/StructureDefinition/vkp-Observation-Bodyweight");
        var peakFlow = Of("19935-6");
        peakFlow.Meta!.Profile.Single().ShouldBe(VkpObservations.General);
        var responsible = peakFlow.Performer.ShouldHaveSingleItem();
        (responsible.Type, responsible.Identifier!.System, responsible.Identifier.Value, responsible.Display)
            .ShouldBe(("Organization", VkpObservations.OrganisationNumberSystem, "974760673", "Nord"));

        // Readings that arrive later go in the next batch, and only they.
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 94m, Now.AddMinutes(-1))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(NationalExportWriter.Settle + TimeSpan.FromSeconds(1));
        (await WriteAsync()).ShouldBe(1);
        (await NewestBatchAsync()).Entry.Select(e => ((Quantity)((Observation)e.Resource!).Value!).Value).ShouldBe([94m]);
    }

    [Fact]
    public async Task ABatch_GoesThroughTheBoundary_RetriedAfterTheDelay_AndTheTriesAreKept()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        (await (await app.GatewayClientAsync()).PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("body-weight", 77m, Now.AddMinutes(-2), unit: "kg")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(NationalExportWriter.Settle + TimeSpan.FromSeconds(1));
        await WriteAsync();
        await using (var clean = app.Database.NewContext())
            await clean.NationalExportBatches.Where(b => b.State == NationalExportState.Waiting).OrderByDescending(b => b.CreatedAt).Skip(1)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.State, NationalExportState.Delivered));
        var boundary = new FlakyBoundary(failures: 1);
        using var scope = app.Services.CreateScope();
        var delivery = new NationalExportDelivery(scope.ServiceProvider.GetRequiredService<VardeDbContext>(), [boundary], app.Clock);

        (await delivery.RunAsync(default)).ShouldBe(0);
        (await delivery.RunAsync(default)).ShouldBe(0, "not again before the delay");
        app.Clock.Advance(OutboundRetries.Delays[0]);
        (await delivery.RunAsync(default)).ShouldBe(1);

        await using var db = app.Database.NewContext();
        var batch = await db.NationalExportBatches.SingleAsync(b => b.Id == boundary.Tried.First().Id);
        (batch.State, batch.Attempts, batch.LastStatus).ShouldBe((NationalExportState.Delivered, 2, "taken"));
        boundary.Tried.Select(t => t.FhirJson).Distinct().ShouldBe([batch.Bundle], "the same batch is sent again, as made");
        JsonSerializer.Deserialize<Resource>(batch.Bundle, FhirJson.Strict).ShouldBeOfType<Bundle>().Entry
            .ShouldContain(e => ((Observation)e.Resource!).Subject!.Display!.StartsWith("Test Pasient", StringComparison.Ordinal));
    }

    private async Task<int> WriteAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NationalExportWriter>().RunAsync(default);
    }

    private async Task<Bundle> NewestBatchAsync()
    {
        await using var db = app.Database.NewContext();
        var json = await db.NationalExportBatches.OrderByDescending(b => b.CreatedAt).Select(b => b.Bundle).FirstAsync();
        return JsonSerializer.Deserialize<Resource>(json, FhirJson.Strict).ShouldBeOfType<Bundle>();
    }

    /// <summary>A national service that refuses the first tries, then takes the batches.</summary>
    private sealed class FlakyBoundary(int failures) : IOutboundDelivery
    {
        private int _left = failures;

        public ConcurrentQueue<Outgoing> Tried { get; } = new();

        public Task<(bool Delivered, string Status)> DeliverAsync(Outgoing item, CancellationToken ct)
        {
            Tried.Enqueue(item);
            return Task.FromResult(Interlocked.Decrement(ref _left) >= 0 ? (false, "busy") : (true, "taken"));
        }
    }
}

public sealed class NationalExportOnSqliteTests(SqliteApp app) : NationalExportTests(app), IClassFixture<SqliteApp>;

public sealed class NationalExportOnPostgresTests(PostgresApp app) : NationalExportTests(app), IClassFixture<PostgresApp>;
