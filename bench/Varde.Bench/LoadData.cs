using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Varde.Domain.Measurements;
using Varde.Server.Generator;

namespace Varde.Bench;

/// <summary>
/// The stored population (seed 1, ending <see cref="StoredDays"/> days ago) and fresh readings for the same patients of
/// service 1 in the days after it (seed 2), as FHIR Observations and as the rows a COPY baseline writes.
/// </summary>
public sealed class LoadData
{
    public const int StoredDays = 10;
    private static readonly FhirJsonSerializer Serializer = new();

    private LoadData(GeneratorOptions stored, SyntheticPopulation population, List<(SyntheticPatient Patient, SyntheticReading Reading)> fresh)
    {
        Stored = stored;
        Population = population;
        Fresh = fresh;
    }

    public GeneratorOptions Stored { get; }

    public SyntheticPopulation Population { get; }

    public List<(SyntheticPatient Patient, SyntheticReading Reading)> Fresh { get; }

    public Guid ServiceId => Population.Patients[0].ServiceId;

    /// <summary>The generate arguments that store this population.</summary>
    public IEnumerable<string> GenerateArgs =>
    [
        "--patients", Stored.Patients.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--days", Stored.Days.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1",
        "--end", Stored.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "--gateway-secret", VardeClient.GatewaySecret, "--staff-password", VardeClient.StaffPassword,
    ];

    public static LoadData For(int patients, int storedDays, int freshReadings)
    {
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        var cgm = double.TryParse(Environment.GetEnvironmentVariable("VARDE_BENCH_CGM_SHARE"), System.Globalization.CultureInfo.InvariantCulture, out var share) ? share : 0.02;
        var stored = new GeneratorOptions(patients, storedDays, 1, today.AddDays(-StoredDays), cgm);
        var population = SyntheticPopulation.Build(stored);
        var service = population.Patients[0].ServiceId;
        var load = stored with { Seed = 2, Days = StoredDays - 1, End = today.AddDays(-1) };
        var fresh = population.Patients.Where(p => p.ServiceId == service)
            .SelectMany(p => SyntheticSeries.For(p, load).Readings.Where(r => !r.Duplicate).Select(r => (p, r)))
            .OrderBy(x => x.r.Input.EffectiveAt).Take(freshReadings).ToList();
        return new LoadData(stored, population, fresh);
    }

    public static Observation Observation(SyntheticPatient p, SyntheticReading r) => FhirBundleWriter.ToSend(p, r);

    public static Measurement ToMeasurement(SyntheticPatient p, SyntheticReading r) =>
        Measurement.Record(Guid.CreateVersion7(), p.Patient.Id, r.Input, "bench", r.ReceivedAt).Value;

    /// <summary>Transaction bundles of <paramref name="size"/> Observations, serialised once before the clock starts.</summary>
    public List<string> Bundles(int size) => Fresh.Chunk(size).Select(chunk =>
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        foreach (var (p, r) in chunk)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                Resource = Observation(p, r),
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
            });
        return Serializer.SerializeToString(bundle);
    }).ToList();

    public static string Json(Resource resource) => Serializer.SerializeToString(resource);
}
