using Hl7.Fhir.Model;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// The codes Varde reads and writes on Observations (standards.md §1.1, §2.3, §4): LOINC first, then the SNOMED CT
/// codes VKP's profiles fix, IEEE 11073 MDC codes from PHD gateways and NPU for glucose. Each measurement type is
/// written with LOINC and, where VKP has one, SNOMED CT; any listed code is accepted on the way in.
/// </summary>
public static class ObservationCodes
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Mdc = "urn:iso:std:iso:11073:10101";
    public const string Npu = "urn:oid:2.16.578.1.12.4.1.1.7280";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string InterpretationSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    public const string ZoneSystem = "https://varde.no/fhir/CodeSystem/triage-zone";
    public const string ClientIdSystem = "https://varde.no/fhir/NamingSystem/client-id";

    private static readonly (MeasurementType Type, string System, string Code)[] TypeCodes =
    [
        (MeasurementType.BloodPressure, Loinc, "85354-9"), (MeasurementType.BloodPressure, Loinc, "55284-4"),
        (MeasurementType.BloodPressure, Snomed, "75367002"), (MeasurementType.BloodPressure, Mdc, "150020"),
        (MeasurementType.Pulse, Loinc, "8867-4"), (MeasurementType.Pulse, Snomed, "364075005"), (MeasurementType.Pulse, Mdc, "149546"),
        (MeasurementType.Pulse, Mdc, "149530"),
        (MeasurementType.OxygenSaturation, Loinc, "2708-6"), (MeasurementType.OxygenSaturation, Loinc, "59408-5"),
        (MeasurementType.OxygenSaturation, Snomed, "431314004"), (MeasurementType.OxygenSaturation, Mdc, "150456"),
        (MeasurementType.BodyWeight, Loinc, "29463-7"), (MeasurementType.BodyWeight, Snomed, "27113001"), (MeasurementType.BodyWeight, Mdc, "188736"),
        (MeasurementType.BodyTemperature, Loinc, "8310-5"), (MeasurementType.BodyTemperature, Snomed, "276885007"),
        (MeasurementType.BodyTemperature, Mdc, "150364"),
        (MeasurementType.BloodGlucose, Loinc, "15074-8"), (MeasurementType.BloodGlucose, Snomed, "434912009"), (MeasurementType.BloodGlucose, Npu, "NPU02187"),
        (MeasurementType.BloodGlucose, Mdc, "160184"), (MeasurementType.BloodGlucose, Mdc, "160368"),
        (MeasurementType.RespiratoryRate, Loinc, "9279-1"), (MeasurementType.RespiratoryRate, Snomed, "86290005"),
        (MeasurementType.PeakFlow, Loinc, "19935-6"),
    ];

    private static readonly (MeasuredQuantity Quantity, string System, string Code)[] ComponentCodes =
    [
        (MeasuredQuantity.SystolicPressure, Loinc, "8480-6"), (MeasuredQuantity.SystolicPressure, Snomed, "271649006"), (MeasuredQuantity.SystolicPressure, Mdc, "150021"),
        (MeasuredQuantity.DiastolicPressure, Loinc, "8462-4"), (MeasuredQuantity.DiastolicPressure, Snomed, "271650006"), (MeasuredQuantity.DiastolicPressure, Mdc, "150022"),
    ];

    /// <summary>The measurement type named by any coding of a concept, or null when none is known.</summary>
    public static MeasurementType? TypeOf(CodeableConcept? code) =>
        code?.Coding.Select(c => TypeCodes.FirstOrDefault(t => t.System == c.System && t.Code == c.Code))
            .FirstOrDefault(t => t.System is not null) is { System: not null } match ? match.Type : null;

    public static MeasuredQuantity? ComponentOf(CodeableConcept? code) =>
        code?.Coding.Select(c => ComponentCodes.FirstOrDefault(t => t.System == c.System && t.Code == c.Code))
            .FirstOrDefault(t => t.System is not null) is { System: not null } match ? match.Quantity : null;

    /// <summary>The measurement types a search code (system|code, or a bare code) names.</summary>
    public static IReadOnlyList<MeasurementType> TypesFor(string? system, string code) =>
        TypeCodes.Where(t => t.Code == code && (system is null || t.System == system)).Select(t => t.Type).Distinct().ToList();

    public static CodeableConcept ConceptFor(MeasurementType type)
    {
        var definition = MeasurementCatalogue.Get(type);
        var concept = new CodeableConcept { Text = definition.NameNb };
        concept.Coding.Add(new Coding(Loinc, definition.Loinc, definition.NameEn));
        if (TypeCodes.FirstOrDefault(t => t.Type == type && t.System == Snomed) is { System: not null } snomed)
            concept.Coding.Add(new Coding(Snomed, snomed.Code));
        return concept;
    }

    /// <summary>
    /// A component's code: LOINC only. The R4 vital-signs <c>bp</c> profile's component slices match on the LOINC code
    /// alone, and the Firely validator does not match a component that carries the SNOMED CT code beside it; the SNOMED
    /// CT codes are still understood on intake (<see cref="ComponentOf"/>).
    /// </summary>
    public static CodeableConcept ConceptFor(MeasuredQuantity quantity)
    {
        var q = MeasurementCatalogue.Get(quantity);
        var concept = new CodeableConcept { Text = q.NameNb };
        concept.Coding.Add(new Coding(Loinc, q.Loinc, q.NameEn));
        return concept;
    }

    /// <summary>The triage result as interpretation: the HL7 code (N, A, AA) where one fits, Varde's zone, and the explanation.</summary>
    public static CodeableConcept Interpretation(TriageOutcome outcome, string explanationNb, string explanationEn)
    {
        var (hl7, zone) = outcome switch
        {
            TriageOutcome.Green => ("N", "green"),
            TriageOutcome.Yellow => ("A", "yellow"),
            TriageOutcome.Red => ("AA", "red"),
            TriageOutcome.SuspectedMeasurementError => ((string?)null, "check-measurement"),
            _ => (null, "not-judged"),
        };
        var concept = new CodeableConcept { TextElement = Questionnaires.FhirQuestionnaires.Translated(explanationNb, explanationEn) };
        if (hl7 is not null)
            concept.Coding.Add(new Coding(InterpretationSystem, hl7));
        concept.Coding.Add(new Coding(ZoneSystem, zone));
        return concept;
    }
}
