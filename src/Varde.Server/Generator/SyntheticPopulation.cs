using System.Globalization;
using Varde.Domain.Access;
using Varde.Domain.Measurements;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Staff;

namespace Varde.Server.Generator;

/// <summary>One synthetic patient: who, where, and their usual levels, from which the plan and the series are made.</summary>
public sealed record SyntheticPatient(int Index, Patient Patient, Guid ServiceId, string NurseId, string GpId, SyntheticBaseline Baseline,
    bool ContinuousGlucose, PlanVersion Plan, Varde.Domain.Pathways.Pathway? Pathway = null, IReadOnlyList<Varde.Domain.Statistics.ServiceUseMonth>? Use = null);

/// <summary>A patient's usual levels (habituell tilstand).</summary>
public sealed record SyntheticBaseline(decimal Spo2, decimal Pulse, decimal Weight, decimal Systolic, decimal Diastolic, decimal Glucose, decimal Temperature);

/// <summary>
/// A deterministic synthetic population: municipalities (one per <see cref="GeneratorOptions.PatientsPerMunicipality"/>
/// patients), follow-up services each serving up to two of them, a GP office per municipality, nurses and GPs by the
/// planning figures, a leader per service, and patients with synthetic identity numbers (Tenor style: month + 80), a
/// diagnosis mix (COPD, heart failure, diabetes, cancer, some with two), their usual levels, a GP-approved plan around
/// them, and a pathway and sometimes a registry extract (<see cref="SyntheticPathways"/>).
/// </summary>
public sealed class SyntheticPopulation
{
    private static readonly string[] FirstNames =
        ["Astrid", "Bjørn", "Eldbjørg", "Finn", "Gudrun", "Harald", "Inger", "Jon", "Kjellaug", "Leif", "Magnhild", "Nils", "Oddny", "Per",
         "Ragnhild", "Sverre", "Torunn", "Ulf", "Valborg", "Arne", "Berit", "Egil", "Frida", "Geir", "Hilde", "Ivar", "Jorunn", "Knut"];

    private static readonly string[] LastNames =
        ["Haugen", "Johansen", "Bakke", "Lie", "Solberg", "Kristiansen", "Moen", "Nygård", "Eide", "Sæther", "Berg", "Dahl", "Hansen",
         "Larsen", "Olsen", "Pedersen", "Nilsen", "Strand", "Lund", "Vik"];

    public required IReadOnlyList<Organisation> Organisations { get; init; }

    public required IReadOnlyList<StaffMember> Staff { get; init; }

    public required IReadOnlyList<SyntheticPatient> Patients { get; init; }

    public static Guid IdFor(int seed, string what, long n) => Deterministic.Id(seed, what, n);

    public static SyntheticPopulation Build(GeneratorOptions o)
    {
        var municipalityCount = Math.Max(1, (o.Patients + GeneratorOptions.PatientsPerMunicipality - 1) / GeneratorOptions.PatientsPerMunicipality);
        var organisations = new List<Organisation>();
        var municipalities = Enumerable.Range(0, municipalityCount).Select(i =>
            Organisation.Municipality(IdFor(o.Seed, "municipality", i), $"Syntetisk kommune {i + 1}", (5000 + i).ToString(CultureInfo.InvariantCulture), null).Value).ToList();
        organisations.AddRange(municipalities);
        var services = municipalities.Chunk(GeneratorOptions.MunicipalitiesPerService).Select((served, i) =>
            Organisation.FollowUpService(IdFor(o.Seed, "service", i), $"Oppfølgingstjeneste {i + 1}", served, null).Value).ToList();
        organisations.AddRange(services);
        var offices = municipalities.Select((m, i) => Organisation.GpOffice(IdFor(o.Seed, "gp-office", i), $"Legesenter {i + 1}", null).Value).ToList();
        organisations.AddRange(offices);

        var staff = new List<StaffMember>();
        var patients = new List<SyntheticPatient>(o.Patients);
        var identityNumbers = IdentityNumbers(o.Patients, o.Seed);
        var perMunicipality = new int[municipalityCount];
        for (var i = 0; i < o.Patients; i++)
            perMunicipality[i % municipalityCount]++;

        var nurses = new Dictionary<Guid, List<StaffMember>>();
        foreach (var (service, s) in services.Select((s, i) => (s, i)))
        {
            var served = service.ServedMunicipalityIds.Sum(m => perMunicipality[municipalities.FindIndex(x => x.Id == m)]);
            nurses[service.Id] = [.. Enumerable.Range(0, Math.Max(1, served / GeneratorOptions.PatientsPerNurse)).Select(n =>
                StaffMember.Create(IdFor(o.Seed, $"nurse-{s}", n), $"Sykepleier {s + 1}.{n + 1}", Role.Nurse, service.Id, null).Value)];
            staff.AddRange(nurses[service.Id]);
            staff.Add(StaffMember.Create(IdFor(o.Seed, "leader", s), $"Leder {s + 1}", Role.Leader, service.Id, null).Value);
        }

        var gps = offices.Select((office, m) => Enumerable.Range(0, Math.Max(1, perMunicipality[m] / GeneratorOptions.PatientsPerGp)).Select(n =>
            StaffMember.Create(IdFor(o.Seed, $"gp-{m}", n), $"Fastlege {m + 1}.{n + 1}", Role.Gp, office.Id, (8_000_000 + (m * 1_000) + n).ToString(CultureInfo.InvariantCulture)).Value).ToList()).ToList();
        staff.AddRange(gps.SelectMany(g => g));

        for (var i = 0; i < o.Patients; i++)
        {
            var r = Deterministic.Random(o.Seed, "patient", i);
            var m = i % municipalityCount;
            var service = services[m / GeneratorOptions.MunicipalitiesPerService];
            var nurse = nurses[service.Id][(i / municipalityCount) % nurses[service.Id].Count];
            var gp = gps[m][(i / municipalityCount) % gps[m].Count];
            var diagnoses = Diagnoses(r);
            var baseline = new SyntheticBaseline(r.Next(92, 98), r.Next(62, 86), Math.Round(55m + (decimal)(r.NextDouble() * 55), 1), r.Next(118, 148),
                r.Next(70, 88), Math.Round(5.8m + (decimal)(r.NextDouble() * 2.4), 1), 36.6m + (r.Next(0, 5) / 10m));
            var name = $"{FirstNames[r.Next(FirstNames.Length)]} {LastNames[r.Next(LastNames.Length)]}";
            var enrolled = o.Start.AddDays(-r.Next(1, 30));
            var patient = Patient.Enrol(IdFor(o.Seed, "patient", i), identityNumbers[i], name, service.Id, municipalities[m].Id, gp.Id, null, diagnoses,
                enrolled).Value;
            var plan = PlanVersion.First(IdFor(o.Seed, "plan", i), patient.Id, Thresholds(diagnoses, baseline), nurse.Id.ToString(), enrolled,
                "Syntetisk plan", PlanRules.None).Value;
            plan.Approve(new Caller(gp.Id.ToString(), Role.Gp, gp.OrganisationId), enrolled, plan.Number);
            var cgm = diagnoses.HasFlag(DiagnosisGroup.Diabetes) && r.NextDouble() < o.ContinuousGlucoseShare;
            var (pathway, use) = SyntheticPathways.For(o.Seed, i, patient, service.Id, nurse.Id.ToString(), o.End);
            patients.Add(new SyntheticPatient(i, patient, service.Id, nurse.Id.ToString(), gp.Id.ToString(), baseline, cgm, plan, pathway, use));
        }

        return new SyntheticPopulation { Organisations = organisations, Staff = staff, Patients = patients };
    }

    // COPD 40 %, heart failure 30 %, diabetes 20 %, cancer 10 %; one in six has a second diagnosis.
    private static DiagnosisGroup Diagnoses(Random r)
    {
        static DiagnosisGroup Pick(double x) => x switch
        {
            < 0.4 => DiagnosisGroup.Copd,
            < 0.7 => DiagnosisGroup.HeartFailure,
            < 0.9 => DiagnosisGroup.Diabetes,
            _ => DiagnosisGroup.Cancer,
        };
        var d = Pick(r.NextDouble());
        if (r.Next(6) == 0)
            d |= Pick(r.NextDouble());
        return d;
    }

    /// <summary>The plan a nurse would propose around the usual levels; the GP approved it at enrolment.</summary>
    public static List<QuantityThreshold> Thresholds(DiagnosisGroup d, SyntheticBaseline b)
    {
        var t = new List<QuantityThreshold>();
        if (d.HasFlag(DiagnosisGroup.Copd))
            t.Add(new(MeasuredQuantity.OxygenSaturation, RedLow: b.Spo2 - 6, YellowLow: b.Spo2 - 3));
        if (d.HasFlag(DiagnosisGroup.Copd) || d.HasFlag(DiagnosisGroup.HeartFailure) || d.HasFlag(DiagnosisGroup.Cancer))
            t.Add(new(MeasuredQuantity.Pulse, b.Pulse - 30, b.Pulse - 22, b.Pulse + 22, b.Pulse + 32));
        if (d.HasFlag(DiagnosisGroup.HeartFailure))
        {
            t.Add(new(MeasuredQuantity.BodyWeight, b.Weight - 5m, b.Weight - 3m, b.Weight + 2m, b.Weight + 3.5m));
            t.Add(new(MeasuredQuantity.SystolicPressure, b.Systolic - 35, b.Systolic - 25, b.Systolic + 30, b.Systolic + 45));
            t.Add(new(MeasuredQuantity.DiastolicPressure, YellowHigh: b.Diastolic + 20, RedHigh: b.Diastolic + 30));
        }

        if (d.HasFlag(DiagnosisGroup.Diabetes))
            t.Add(new(MeasuredQuantity.BloodGlucose, 3m, 4m, 14m, 18m));
        if (d.HasFlag(DiagnosisGroup.Cancer))
            t.Add(new(MeasuredQuantity.BodyTemperature, YellowHigh: 38m, RedHigh: 38.6m));
        return t;
    }

    // Unique, valid synthetic numbers: day, month + 80, year, individual 000–499 (born 1900–1999), in a fixed order.
    private static string[] IdentityNumbers(int count, int seed)
    {
        var numbers = new string[count];
        var r = Deterministic.Random(seed, "identity-numbers", 0);
        var used = new HashSet<string>(count);
        var n = 0;
        while (n < count)
        {
            var candidate = NorwegianIdentityNumber.WithControlDigits(string.Create(CultureInfo.InvariantCulture,
                $"{r.Next(1, 29):00}{r.Next(81, 93):00}{r.Next(20, 80):00}{r.Next(0, 500):000}"));
            if (candidate is not null && used.Add(candidate))
                numbers[n++] = candidate;
        }

        return numbers;
    }
}
