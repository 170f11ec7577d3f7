using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Varde.Domain.Measurements;
using Varde.Server.Generator;

namespace Varde.Bench;

/// <summary>
/// The stored population (seed 1, ending <see cref="StoredDays"/> days ago) and fresh readings for the same patients of
/// service 1 in the days after it (seed 2), as FHIR Observations and as the rows a COPY baseline writes; and readings
/// to warm the server up with before it is measured (<see cref="WarmUp"/>).
/// </summary>
public sealed class LoadData
{
    public const int StoredDays = 10;
    private static readonly FhirJsonSerializer Serializer = new();

    private LoadData(GeneratorOptions stored, SyntheticPopulation population, List<(SyntheticPatient Patient, SyntheticReading Reading)> fresh,
        List<(SyntheticPatient Patient, SyntheticReading Reading)> warmUp, string warmUpGateway)
    {
        Stored = stored;
        Population = population;
        Fresh = fresh;
        WarmUp = warmUp;
        WarmUpGateway = warmUpGateway;
    }

    public GeneratorOptions Stored { get; }

    public SyntheticPopulation Population { get; }

    public List<(SyntheticPatient Patient, SyntheticReading Reading)> Fresh { get; }

    /// <summary>
    /// Readings of the same kind for warming the server up (its JIT and caches) before a measured phase, never counted
    /// in it: the next service's patients over the same days when the population has one (sent by its own gateway), or
    /// else the first of service 1's fresh readings, which <see cref="Fresh"/> then starts after (so the measured readings
    /// still arrive in time order).
    /// </summary>
    public List<(SyntheticPatient Patient, SyntheticReading Reading)> WarmUp { get; }

    /// <summary>The gateway client that may send <see cref="WarmUp"/> (a gateway sends for its own service's patients).</summary>
    public string WarmUpGateway { get; }

    public Guid ServiceId => Population.Patients[0].ServiceId;

    /// <summary>The generate arguments that store this population.</summary>
    public IEnumerable<string> GenerateArgs =>
    [
        "--patients", Stored.Patients.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--days", Stored.Days.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1",
        "--end", Stored.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "--gateway-secret", VardeClient.GatewaySecret, "--staff-password", VardeClient.StaffPassword,
    ];

    public static LoadData For(int patients, int storedDays, int freshReadings, int warmUpReadings = 0)
    {
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        var cgm = double.TryParse(Environment.GetEnvironmentVariable("VARDE_BENCH_CGM_SHARE"), System.Globalization.CultureInfo.InvariantCulture, out var share) ? share : 0.02;
        var stored = new GeneratorOptions(patients, storedDays, 1, today.AddDays(-StoredDays), cgm);
        var population = SyntheticPopulation.Build(stored);
        var service = population.Patients[0].ServiceId;
        var load = stored with { Seed = 2, Days = StoredDays - 1, End = today.AddDays(-1) };
        List<(SyntheticPatient, SyntheticReading)> ReadingsOf(Guid serviceId, int count) => [.. population.Patients.Where(p => p.ServiceId == serviceId)
            .SelectMany(p => SyntheticSeries.For(p, load).Readings.Where(r => !r.Duplicate).Select(r => (p, r)))
            .OrderBy(x => x.r.Input.EffectiveAt).Take(count)];
        var services = population.Patients.Select(p => p.ServiceId).Distinct().ToList();
        if (warmUpReadings == 0 || services.Count > 1)
            return new LoadData(stored, population, ReadingsOf(service, freshReadings), warmUpReadings == 0 ? [] : ReadingsOf(services[1], warmUpReadings), "gateway-2");
        var readings = ReadingsOf(service, warmUpReadings + freshReadings);
        return new LoadData(stored, population, readings[warmUpReadings..], readings[..warmUpReadings], "gateway-1");
    }

    public static Observation Observation(SyntheticPatient p, SyntheticReading r) => FhirBundleWriter.ToSend(p, r);

    public static Measurement ToMeasurement(SyntheticPatient p, SyntheticReading r) =>
        Measurement.Record(Guid.CreateVersion7(), p.Patient.Id, r.Input, "bench", r.ReceivedAt).Value;

    /// <summary>Transaction bundles of <paramref name="size"/> Observations, serialised once before the clock starts.</summary>
    public List<string> Bundles(int size) => BundlesOf(Fresh, size);

    /// <summary>Transaction bundles of <paramref name="size"/> of these readings.</summary>
    public static List<string> BundlesOf(IEnumerable<(SyntheticPatient Patient, SyntheticReading Reading)> readings, int size) => readings.Chunk(size).Select(chunk =>
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

    /// <summary>One Observation body per reading, for single POSTs, serialised before the clock starts.</summary>
    public static List<string> SinglesOf(IEnumerable<(SyntheticPatient Patient, SyntheticReading Reading)> readings) =>
        [.. readings.Select(x => Json(Observation(x.Patient, x.Reading)))];
}
