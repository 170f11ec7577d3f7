using Hl7.Fhir.Model;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Server.Features.Fhir;

namespace Varde.Server.Features.NationalExport;

/// <summary>
/// Readings in the national profiles (ADR 0046): each an Observation in the welfare-technology hub's (VKP) profile for
/// its kind, gathered in a Pasientens måledata (PMD) batch Bundle. Built on the Observation the FHIR API serves (so the
/// vital-signs profiles still hold), with what the VKP profiles add: <c>meta.profile</c>; the patient as a logical
/// reference by fødselsnummer or D-nummer with the name as display (VKP never references a Patient resource); the SNOMED
/// CT code each profile names beside LOINC; for a reading no specific profile covers, the general VKP Observation with
/// the follow-up service as the organisation responsible for it (by organisation number). The profiles are drafts
/// (HL7 Norway, VkpObservation 0.2.2; PmdBundleObservation 2026-03-17) and their canonical URLs are used as they give them.
/// </summary>
public static class VkpObservations
{
    public const string General = "http://ehelse.no/fhir/StructureDefinition/vkp-Observation";
    public const string PmdBundle = "http://ehelse.no/fhir/StructureDefinition/pmd-Bundle-Observation";
    public const string FodselsnummerSystem = FhirSubjects.FnrSystem;
    public const string OrganisationNumberSystem = "urn:oid:2.16.578.1.12.4.1.4.101";

    /// <summary>Varde's own id of a reading, unique across patients and installations' readings (a client's identifier is unique only per patient).</summary>
    public const string ReadingIdSystem = "https://varde.no/fhir/NamingSystem/reading-id";

    /// <summary>Per kind of reading: the VKP profile and the SNOMED CT code it names (null: the general profile).</summary>
    public static readonly IReadOnlyDictionary<MeasurementType, (string Profile, string Snomed)> Profiles = new Dictionary<MeasurementType, (string, string)>
    {
        [MeasurementType.OxygenSaturation] = ("http://hl7.no/fhir/StructureDefinition/vkp-Observation-Oxygensat", "431314004"),
        [MeasurementType.BloodPressure] = ("http://hl7.no/fhir/StructureDefinition/vkp-vitalsignsobservation-bloodpressure", "75367002"),
        [MeasurementType.Pulse] = ("http://ehelse.no/fhir/StructureDefinition/vkp-Observation-Heartrate", "364075005"),
        [MeasurementType.BodyWeight] = ("http://hl7.no/fhir/StructureDefinition/vkp-Observation-Bodyweight", "27113001"),
        [MeasurementType.BodyTemperature] = ("http://ehelse.no/fhir/StructureDefinition/vkp-Observation-Bodytemp", "276885007"),
        [MeasurementType.RespiratoryRate] = ("http://ehelse.no/fhir/StructureDefinition/vkp-Observation-Resprate", "86290005"),
    };

    /// <summary>
    /// The subject identifier system VKP accepts for the kind of identity number; null for a local H-nummer, which no
    /// national service knows (such a patient's readings are not exported).
    /// </summary>
    public static string? SubjectSystem(IdentityNumberKind kind) => kind == IdentityNumberKind.HNummer ? null : FhirSubjects.SystemFor(kind);

    /// <summary>One reading as a VKP Observation.</summary>
    public static Observation ToVkp(Measurement m, Domain.Patients.Patient patient, (string Name, string? OrganisationNumber) service)
    {
        var o = ObservationMapping.ToFhir(m);
        o.Meta = new Meta { LastUpdated = m.ReceivedAt };
        o.Subject = new ResourceReference
        {
            Identifier = new Identifier(SubjectSystem(patient.IdentityKind)
                ?? throw new InvalidOperationException("A patient with a local H-nummer is not exported."), patient.IdentityNumber),
            Display = patient.Name,
        };
        o.Device = null;
        o.Identifier.Insert(0, new Identifier(ReadingIdSystem, m.Id.ToString()));
        if (Profiles.TryGetValue(m.Type, out var vkp))
        {
            o.Meta.Profile = [vkp.Profile];
            if (!o.Code.Coding.Any(c => c.System == ObservationCodes.Snomed && c.Code == vkp.Snomed))
                o.Code.Coding.Add(new Coding(ObservationCodes.Snomed, vkp.Snomed));
        }
        else
        {
            // The general profile is the only one that has a slot for the organisation responsible for the reading.
            o.Meta.Profile = [General];
            if (service.OrganisationNumber is { } number)
                o.Performer.Add(new ResourceReference { Type = "Organization", Identifier = new Identifier(OrganisationNumberSystem, number), Display = service.Name });
        }

        return o;
    }

    /// <summary>
    /// A PMD batch Bundle: one entry per reading, its fullUrl the reading's own URN (unique and the same on every send),
    /// its request a conditional update by the reading's Varde id (<see cref="ReadingIdSystem"/>) — sending a batch
    /// again changes nothing, and no other patient's reading can match.
    /// </summary>
    public static Bundle Batch(IEnumerable<Observation> observations, DateTimeOffset now)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Batch, Meta = new Meta { Profile = [PmdBundle], LastUpdated = now } };
        foreach (var o in observations)
        {
            var identifier = o.Identifier[0];
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{o.Id}",
                Resource = o,
                Request = new Bundle.RequestComponent
                {
                    Method = Bundle.HTTPVerb.PUT,
                    Url = $"Observation?identifier={Uri.EscapeDataString(identifier.System ?? "")}|{Uri.EscapeDataString(identifier.Value ?? "")}",
                },
            });
        }

        return bundle;
    }
}
