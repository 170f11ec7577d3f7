using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;
using Varde.Server.Features.Measurements;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Observation ↔ Varde measurement. A vital-sign Observation becomes the same request the JSON API takes (so one
/// handler stores, triages and de-duplicates both), and a stored measurement becomes an Observation with its triage
/// as interpretation. The Observation's identifier is the idempotency key (the JSON API's client id).
/// </summary>
public static class ObservationMapping
{
    /// <summary>The request the JSON API takes, the subject as sent, and a Device named by urn:uuid (a Device entry of the same bundle).</summary>
    public sealed record Incoming(RecordMeasurement.Request? Request, ResourceReference? Subject, string? Problem, string? DeviceName = null);

    /// <summary>
    /// Elements with clinical content Varde does not store (ADR 0013): a reading that carries them is refused, naming
    /// them, rather than stored without them. Varde keeps one identifier (the idempotency key).
    /// </summary>
    public static List<string> Unkept(Observation o)
    {
        var unkept = new List<string>();
        void Check(bool present, string name)
        {
            if (present)
                unkept.Add(name);
        }

        Check(o.BodySite is not null, "bodySite");
        Check(o.Method is not null, "method");
        Check(o.Performer.Count > 0, "performer");
        Check(o.BasedOn.Count > 0, "basedOn");
        Check(o.PartOf.Count > 0, "partOf");
        Check(o.ReferenceRange.Count > 0 || o.Component.Any(c => c.ReferenceRange.Count > 0), "referenceRange");
        Check(o.HasMember.Count > 0, "hasMember");
        Check(o.DerivedFrom.Count > 0, "derivedFrom");
        Check(o.Specimen is not null, "specimen");
        Check(o.Focus.Count > 0, "focus");
        Check(o.Encounter is not null, "encounter");
        Check(o.DataAbsentReason is not null || o.Component.Any(c => c.DataAbsentReason is not null), "dataAbsentReason");
        Check(o.Extension.Count > 0 || o.Component.Any(c => c.Extension.Count > 0), "extension");
        Check(o.ModifierExtension.Count > 0 || o.Component.Any(c => c.ModifierExtension.Count > 0), "modifierExtension");
        Check(o.Identifier.Count > 1, "identifier (more than one)");
        return unkept;
    }

    public static Incoming FromFhir(Observation o)
    {
        if (o.Status is ObservationStatus.EnteredInError or ObservationStatus.Cancelled or ObservationStatus.Unknown or ObservationStatus.Registered)
            return Fail($"An Observation with status '{o.Status}' is not a measurement Varde stores; send final, amended, corrected or preliminary.");
        if (o.Subject is null)
            return Fail("Observation.subject is required: Patient/{id} or a fødselsnummer/D-nummer identifier.");
        if (FhirSubjects.IsAbsolute(o.Subject))
            return Fail($"Observation.subject '{o.Subject.Reference}' is an absolute URL, a patient on another server: use Patient/{{id}} of this server or a fødselsnummer/D-nummer identifier.");
        if (Unkept(o) is { Count: > 0 } unkept)
            return Fail($"Varde does not keep Observation.{string.Join(", Observation.", unkept)}: send the reading without them, so nothing is lost without your knowing (docs/fhir.md).");
        if (ObservationCodes.TypeOf(o.Code) is not { } type)
            return Fail($"Observation.code has no coding Varde maps ({Codes(o.Code)}); use LOINC, SNOMED CT, MDC or NPU codes from docs/fhir.md.");
        DateTimeOffset? effective = o.Effective switch
        {
            FhirDateTime dt when dt.TryToDateTimeOffset(out var at) && dt.Value?.Length > 10 => at,
            Instant instant => instant.Value,
            _ => null,
        };
        if (effective is null)
            return Fail("Observation.effectiveDateTime (with a time of day and zone) or effectiveInstant is required.");
        var clientId = ClientId(o.Identifier.FirstOrDefault());
        Guid? deviceId = null;
        var deviceName = o.Device?.Reference is { } named && named.StartsWith("urn:uuid:", StringComparison.Ordinal) ? named : null;
        if (o.Device?.Reference is { } device && deviceName is null)
        {
            if (!device.StartsWith("Device/", StringComparison.Ordinal) || !Guid.TryParse(device["Device/".Length..], out var parsedDevice))
                return Fail($"Observation.device must reference a registered Device (Device/{{id}}, or a urn:uuid of a Device in the same bundle); got '{device}'.");
            deviceId = parsedDevice;
        }

        if (type == MeasurementType.BloodPressure)
        {
            var systolic = Component(o, MeasuredQuantity.SystolicPressure);
            var diastolic = Component(o, MeasuredQuantity.DiastolicPressure);
            if (systolic?.Value is null || diastolic?.Value is null)
                return Fail("A blood pressure Observation needs a systolic (8480-6) and a diastolic (8462-4) component, each with valueQuantity.");
            if (systolic.Code != diastolic.Code && Unit(systolic) != Unit(diastolic))
                return Fail("The systolic and diastolic components must use the same unit.");
            return new(new RecordMeasurement.Request(clientId, MeasurementTypes.Name(type), null, systolic.Value, diastolic.Value, Unit(systolic), effective, deviceId,
                Note: Note(o)), o.Subject, null, deviceName);
        }

        if (o.Value is not Quantity quantity || quantity.Value is null)
            return Fail("Observation.valueQuantity with a value is required for this measurement.");
        if (quantity.System is { } system && system != ObservationCodes.Ucum)
            return Fail($"valueQuantity.system must be UCUM ({ObservationCodes.Ucum}); got '{system}'.");
        return new(new RecordMeasurement.Request(clientId, MeasurementTypes.Name(type), quantity.Value, null, null, Unit(quantity), effective, deviceId,
            Note: Note(o)), o.Subject, null, deviceName);
    }

    /// <summary>Observation.note's texts, one per line (Varde keeps the text, not a note's author or time); null when there is none.</summary>
    private static string? Note(Observation o)
    {
        var texts = o.Note.Select(n => n.Text?.Trim()).Where(t => !string.IsNullOrEmpty(t)).ToList();
        return texts.Count == 0 ? null : string.Join("\n", texts);
    }

    public static Observation ToFhir(Measurement m, TriageResult? triage = null)
    {
        var result = triage ?? m.Triage;
        var o = new Observation
        {
            Id = m.Id.ToString(),
            Meta = new Meta { LastUpdated = m.ReceivedAt, VersionId = "1" },
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCodes.CategorySystem, "vital-signs", "Vital Signs")],
            Code = ObservationCodes.ConceptFor(m.Type),
            Subject = new ResourceReference($"Patient/{m.PatientId}"),
            Effective = new FhirDateTime(m.EffectiveAt),
            Issued = m.ReceivedAt,
            Interpretation = [ObservationCodes.Interpretation(result.Outcome, result.ExplanationNb, result.ExplanationEn)],
        };
        o.Identifier.Add(Identifier(m.ClientId));
        if (m.DeviceId is { } device)
            o.Device = new ResourceReference($"Device/{device}");
        if (m.Note is { } note)
            o.Note.Add(new Annotation { Text = new Markdown(note) });
        var definition = MeasurementCatalogue.Get(m.Type);
        if (m.Type == MeasurementType.BloodPressure)
        {
            o.Component.Add(new Observation.ComponentComponent { Code = ObservationCodes.ConceptFor(MeasuredQuantity.SystolicPressure), Value = Quantity(m.Value, definition.Components[0]) });
            o.Component.Add(new Observation.ComponentComponent { Code = ObservationCodes.ConceptFor(MeasuredQuantity.DiastolicPressure), Value = Quantity(m.SecondValue!.Value, definition.Components[1]) });
        }
        else
        {
            o.Value = Quantity(m.Value, definition.Components[0]);
        }

        return o;
    }

    /// <summary>
    /// The client id an identifier stands for: "system|value" when that fits, else a SHA-256 of it (long PHD
    /// identifiers); an Observation without identifier gets a fresh one (and so is never matched as a resend).
    /// </summary>
    public static string ClientId(Identifier? identifier)
    {
        if (identifier?.Value is not { Length: > 0 } value)
            return "fhir:" + Guid.NewGuid().ToString("N");
        if (identifier.System == ObservationCodes.ClientIdSystem)
            return value;
        var key = $"{identifier.System}|{value}";
        return key.Length <= Measurement.ClientIdMaxLength ? key : "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    public static Identifier Identifier(string clientId)
    {
        var bar = clientId.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 ? new Identifier(clientId[..bar], clientId[(bar + 1)..]) : new Identifier(ObservationCodes.ClientIdSystem, clientId);
    }

    private static Quantity Quantity(decimal value, QuantityDefinition q) =>
        new() { Value = value, Unit = q.DisplayUnit, System = ObservationCodes.Ucum, Code = q.UcumUnit };

    private static Quantity? Component(Observation o, MeasuredQuantity quantity) =>
        o.Component.FirstOrDefault(c => ObservationCodes.ComponentOf(c.Code) == quantity)?.Value as Quantity;

    private static string? Unit(Quantity q) => q.Code ?? q.Unit;

    private static string Codes(CodeableConcept? code) =>
        code is null || code.Coding.Count == 0 ? "no coding" : string.Join(", ", code.Coding.Select(c => $"{c.System}|{c.Code}"));

    private static Incoming Fail(string problem) => new(null, null, problem);
}
