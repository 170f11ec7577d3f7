using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Varde.Server.Features.Fhir;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>Observations, bundle entries and bodies as a device gateway sends them, for the FHIR intake tests.</summary>
public static class FhirReadings
{
    public const string IdSystem = "urn:oid:2.16.578.1.99.1";

    /// <summary>A vital-sign Observation by LOINC code for a patient, with its identifier (Varde's client id).</summary>
    public static Observation Reading(Guid patient, string loinc, decimal value, string unit, DateTimeOffset at, string id) => new()
    {
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept(ObservationCodes.CategorySystem, "vital-signs")],
        Code = new CodeableConcept(ObservationCodes.Loinc, loinc),
        Subject = new ResourceReference($"Patient/{patient}"),
        Effective = new FhirDateTime(at),
        Value = new Quantity { Value = value, System = ObservationCodes.Ucum, Code = unit, Unit = unit },
        Identifier = [new Identifier(IdSystem, id)],
    };

    /// <summary>A bundle entry that POSTs the Observation, under a fresh urn:uuid.</summary>
    public static Bundle.EntryComponent Entry(Observation o) => new()
    {
        FullUrl = $"urn:uuid:{Guid.NewGuid()}",
        Resource = o,
        Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
    };

    public static Bundle NewBundle(Bundle.BundleType type, IEnumerable<Bundle.EntryComponent> entries)
    {
        var bundle = new Bundle { Type = type };
        bundle.Entry.AddRange(entries);
        return bundle;
    }

    /// <summary>Posts a bundle; it must be answered 200, with the response bundle.</summary>
    public static async Task<Bundle> PostBundleAsync(HttpClient client, Bundle.BundleType type, IEnumerable<Bundle.EntryComponent> entries)
    {
        using var response = await client.PostAsync("/fhir", Json(NewBundle(type, entries)));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<Bundle>(body, FhirJson.Strict)!;
    }

    public static StringContent Json(Resource resource) => new(JsonSerializer.Serialize(resource, FhirJson.Output), Encoding.UTF8, "application/fhir+json");
}
