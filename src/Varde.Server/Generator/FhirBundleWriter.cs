using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Varde.Domain.Measurements;
using Varde.Server.Features.Fhir;

namespace Varde.Server.Generator;

/// <summary>
/// The synthetic readings as FHIR R4 transaction Bundles, one per line (NDJSON), <see cref="ObservationsPerBundle"/>
/// Observations each, in the order they reach Varde (late deliveries come out of order; resends are sent again with
/// the same identifier, so a correct server stores them once). For load tests against <c>POST /fhir</c>.
/// </summary>
public static class FhirBundleWriter
{
    public const int ObservationsPerBundle = 100;

    public static IEnumerable<Bundle> Bundles(SyntheticPopulation population, GeneratorOptions o)
    {
        var all = population.Patients.SelectMany(p => SyntheticSeries.For(p, o).Readings.Select(r => (Patient: p, Reading: r)))
            .OrderBy(x => x.Reading.ReceivedAt);
        long entry = 0;
        foreach (var chunk in all.Chunk(ObservationsPerBundle))
        {
            var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
            foreach (var (p, r) in chunk)
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Deterministic.Id(o.Seed, "bundle-entry", entry++)}",
                    Resource = ToSend(p, r),
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
                });
            }

            yield return bundle;
        }
    }

    /// <summary>A reading as the Observation a device would send: no id, meta, issued time or interpretation yet.</summary>
    public static Observation ToSend(SyntheticPatient p, SyntheticReading r)
    {
        var observation = ObservationMapping.ToFhir(Measurement.Record(Guid.Empty, p.Patient.Id, r.Input, "generator", r.ReceivedAt).Value);
        observation.Id = null;
        observation.Meta = null;
        observation.Issued = null;
        observation.Interpretation = [];
        return observation;
    }

    public static async Task<long> WriteNdjsonAsync(string path, SyntheticPopulation population, GeneratorOptions o, CancellationToken ct)
    {
        var serializer = new FhirJsonSerializer();
        await using var writer = new StreamWriter(path);
        long lines = 0;
        foreach (var bundle in Bundles(population, o))
        {
            await writer.WriteLineAsync(serializer.SerializeToString(bundle).AsMemory(), ct);
            lines++;
        }

        return lines;
    }
}
