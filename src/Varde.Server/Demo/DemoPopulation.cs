using System.Globalization;
using Varde.Domain.Patients;

namespace Varde.Server.Demo;

/// <summary>The demo's 40 patients: deterministic names, synthetic identity numbers (Tenor style, month + 80) and diagnoses.</summary>
public static class DemoPopulation
{
    public const int Count = 40;

    /// <summary>Leif Johansen (COPD and heart failure, with a plan): the patient the demo tablet is lent to.</summary>
    public const int TabletPatientIndex = 9;

    private static readonly string[] FirstNames =
        ["Astrid", "Bjørn", "Eldbjørg", "Finn", "Gudrun", "Harald", "Inger", "Jon", "Kjellaug", "Leif", "Magnhild", "Nils", "Oddny", "Per",
         "Ragnhild", "Sverre", "Torunn", "Ulf", "Valborg", "Arne"];

    private static readonly string[] LastNames =
        ["Haugen", "Johansen", "Bakke", "Lie", "Solberg", "Kristiansen", "Moen", "Nygård", "Eide", "Sæther"];

    private static readonly string[] Relations = ["datter", "sønn", "ektefelle", "samboer", "nabo", "bror"];

    public sealed record DemoPatient(int Index, Guid Id, string Name, string IdentityNumber, DiagnosisGroup Diagnoses,
        string MunicipalityKey, string GpKey, bool SharedWithHospital)
    {
        /// <summary>
        /// Made-up numbers, so a nurse can try the call links: most patients have a mobile and a next of kin; every eighth
        /// has a landline too, and two have no number recorded, as happens.
        /// </summary>
        public PatientContact Contact
        {
            get
            {
                var phone = Index % 17 == 5 ? null : string.Create(CultureInfo.InvariantCulture, $"4{10 + Index:00} {20 + Index:00} {100 + Index:000}");
                var landline = Index % 8 == 2 ? string.Create(CultureInfo.InvariantCulture, $"33 {40 + Index:00} {50 + Index:00} {60 + Index:00}") : null;
                var relation = Relations[Index % Relations.Length];
                // First names alternate women's (even) and men's (odd): a daughter gets a woman's name, a son or brother a man's.
                var first = ((Index + 7) % FirstNames.Length & ~1) + (relation is "sønn" or "bror" ? 1 : 0);
                var kinName = $"{FirstNames[first]} {(relation is "nabo" ? LastNames[(Index + 3) % LastNames.Length] : Name.Split(' ')[^1])}";
                var kin = Index % 9 == 4 ? null
                    : new NextOfKin(kinName, relation, string.Create(CultureInfo.InvariantCulture, $"9{30 + Index:00} {40 + Index:00} {200 + Index:000}"));
                return new PatientContact(phone, landline, kin);
            }
        }
    }

    public static IReadOnlyList<DemoPatient> All { get; } = Enumerable.Range(0, Count).Select(Make).ToList();

    /// <summary>Five more patients, newly referred and not followed yet (see <see cref="DemoPathways.Referrals"/>).</summary>
    public static IReadOnlyList<DemoPatient> Referred { get; } = DemoPathways.Referrals.Select(r => Make(r.Index)).ToList();

    private static DemoPatient Make(int i)
    {
        var diagnoses = (i % 10) switch
        {
            0 or 1 or 2 or 3 => DiagnosisGroup.Copd,
            4 or 5 or 6 => DiagnosisGroup.HeartFailure,
            7 or 8 => DiagnosisGroup.Diabetes,
            _ => DiagnosisGroup.HeartFailure | DiagnosisGroup.Copd,
        };
        if (i % 7 == 3)
            diagnoses |= DiagnosisGroup.Diabetes;
        var name = $"{FirstNames[i % FirstNames.Length]} {LastNames[(i * 7 / 3) % LastNames.Length]}";
        var municipality = (i % 3) switch { 0 => "horten", 1 => "holmestrand", _ => "tonsberg" };
        return new DemoPatient(i, DemoIds.For($"patient-{i}"), name, IdentityNumber(i), diagnoses, municipality,
            municipality == "tonsberg" ? "fastlege2" : "fastlege1", SharedWithHospital: i % 4 == 0);
    }

    // Born 1936–1975; synthetic month (+80); individual numbers below 500 put them in the 1900s.
    private static string IdentityNumber(int i)
    {
        var year = 36 + ((i * 17) % 40);
        var day = 1 + ((i * 11) % 28);
        var month = 1 + ((i * 5) % 12);
        for (var individual = 100 + (i * 9); ; individual++)
        {
            var number = NorwegianIdentityNumber.WithControlDigits(
                string.Create(CultureInfo.InvariantCulture, $"{day:00}{month + 80:00}{year:00}{individual:000}"));
            if (number is not null)
                return number;
        }
    }
}
