using System.Globalization;
using System.Resources;
using Hl7.Fhir.Model;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Staff;
using Varde.Domain.Triage;
using Varde.Server.Features.Fhir;
using DomainPatient = Varde.Domain.Patients.Patient;

namespace Varde.Server.Features.Journal;

/// <summary>What a journal note says, in bokmål: the lines the Composition's sections and the PDF both show.</summary>
public sealed record JournalNoteContent(string Title, string PatientLine, string PeriodLine, string AuthorLine, IReadOnlyList<JournalSection> Sections);

public sealed record JournalSection(string Code, string Display, string Heading, IReadOnlyList<string> Lines, IReadOnlyList<string> Entries);

/// <summary>
/// Makes the journal note's content and its FHIR document: a <c>document</c> Bundle whose first entry is the
/// Composition (LOINC 34746-8 "Nurse Note", status final, the handling nurse as author by HPR number, the follow-up
/// service as custodian), with sections for the readings of the period, the alert, what was done and the plan in
/// force, each with a bokmål narrative and references to the resources that follow it in the bundle.
/// </summary>
public static class JournalDocument
{
    public const string NoteType = "34746-8";
    private static readonly ResourceManager Texts = new("Varde.Server.Components.Ui", typeof(JournalDocument).Assembly);
    private static readonly CultureInfo Bokmal = CultureInfo.GetCultureInfo("nb-NO");

    public sealed record Facts(Guid NoteId, DomainPatient Patient, Alert Alert, IReadOnlyList<(Measurement Reading, TriageResult? Triage)> Readings,
        PlanVersion? Plan, StaffMember? Author, string ServiceName, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset Now);

    public static JournalNoteContent Content(Facts f)
    {
        var readings = f.Readings.OrderBy(r => r.Reading.EffectiveAt).ToList();
        var zones = readings.GroupBy(r => r.Reading.TriageOutcome).OrderByDescending(g => g.Key).Select(g => $"{g.Count()} {Zone(g.Key).ToLowerInvariant()}");
        var alert = f.Alert;
        var handled = alert.HandledAt is { } at ? Local(at) : "–";
        return new JournalNoteContent(
            $"Journalnotat – hjemmeoppfølging ({f.ServiceName})",
            $"Pasient: {f.Patient.Name}, {f.Patient.IdentityNumber}",
            $"Periode: {Local(f.PeriodStart)} – {Local(f.PeriodEnd)}",
            $"Skrevet av: {f.Author?.Name ?? alert.HandledBy}{(f.Author?.HprNumber is { } hpr ? $" (HPR {hpr})" : "")}, {f.ServiceName}",
            [
                new("readings", "Målinger i perioden", "Målinger i perioden",
                    [readings.Count == 0 ? "Ingen målinger i perioden." : $"{readings.Count} målinger: {string.Join(", ", zones)}.",
                        .. readings.Select(r => $"{Local(r.Reading.EffectiveAt)}  {Reading(r.Reading)}  ({Zone(r.Reading.TriageOutcome)})")],
                    [.. readings.Select(r => $"Observation/{r.Reading.Id}")]),
                new("alert", "Varsel", "Varsel",
                    [$"{Zone(alert.Zone)} varsel åpnet {Local(alert.OpenedAt)}: {alert.ReasonNb}",
                        alert.AcknowledgedAt is { } ack ? $"Kvittert {Local(ack)}." : "Ikke kvittert før håndtering."],
                    [$"DetectedIssue/{alert.Id}"]),
                new("actions", "Tiltak", "Tiltak",
                    [$"{(alert.Action is { } action ? Texts.GetString($"Action.{action}", CultureInfo.InvariantCulture) : "Håndtert")} ({handled}).",
                        .. alert.Note is { Length: > 0 } note ? new[] { $"Notat: {note}" } : []],
                    []),
                new("plan", "Oppfølgingsplan", "Oppfølgingsplan",
                    [f.Plan is { } plan
                        ? $"Plan versjon {plan.Number}{(plan.Approval is { } approval ? $", godkjent {Local(approval.ApprovedAt)}" : "")}."
                        : "Ingen godkjent plan i kraft."],
                    f.Plan is { } p ? [$"CarePlan/{p.Id}"] : []),
            ]);
    }

    /// <summary>The document Bundle: Composition, Patient, the alert, the readings (each with a resolvable fullUrl in the bundle).</summary>
    public static Bundle Document(Facts f, JournalNoteContent content, string fhirBase)
    {
        var composition = new Composition
        {
            Id = f.NoteId.ToString(),
            Meta = new Meta { VersionId = "1", LastUpdated = f.Now },
            Status = CompositionStatus.Final,
            Type = new CodeableConcept(ObservationCodes.Loinc, NoteType, "Nurse Note"),
            Subject = new ResourceReference($"Patient/{f.Patient.Id}") { Display = f.Patient.Name },
            DateElement = new FhirDateTime(f.Now),
            Author =
            [
                new ResourceReference
                {
                    Type = "Practitioner",
                    Display = f.Author?.Name ?? f.Alert.HandledBy,
                    Identifier = f.Author?.HprNumber is { } hpr ? new Identifier(CarePlanMapping.HprSystem, hpr) : null,
                },
            ],
            Title = content.Title,
            Custodian = new ResourceReference { Type = "Organization", Display = f.ServiceName },
            Event = [new Composition.EventComponent { Period = new Period(new FhirDateTime(f.PeriodStart), new FhirDateTime(f.PeriodEnd)) }],
            Text = Narrative([content.PatientLine, content.PeriodLine, content.AuthorLine]),
        };
        foreach (var s in content.Sections)
            composition.Section.Add(new Composition.SectionComponent
            {
                Title = s.Heading,
                Code = new CodeableConcept("https://varde.no/fhir/CodeSystem/journal-note-section", s.Code, s.Display),
                Text = Narrative(s.Lines),
                Entry = [.. s.Entries.Select(e => new ResourceReference(e))],
            });
        var bundle = new Bundle
        {
            Id = f.NoteId.ToString(),
            Type = Bundle.BundleType.Document,
            Identifier = new Identifier("https://varde.no/fhir/NamingSystem/journal-note", f.NoteId.ToString()),
            Timestamp = f.Now,
        };
        void Add(Resource resource) => bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{fhirBase}/{resource.TypeName}/{resource.Id}", Resource = resource });
        Add(composition);
        Add(PatientResources.ToFhir(f.Patient));
        Add(DetectedIssueResources.ToFhir(f.Alert));
        foreach (var (reading, triage) in f.Readings.OrderBy(r => r.Reading.EffectiveAt))
            Add(ObservationMapping.ToFhir(reading, triage));
        return bundle;
    }

    private static Narrative Narrative(IEnumerable<string> lines) => new()
    {
        Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated,
        Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\">{string.Concat(lines.Select(l => $"<p>{Encode(l)}</p>"))}</div>",
    };

    private static string Reading(Measurement m)
    {
        var definition = MeasurementCatalogue.Get(m.Type);
        var value = m.SecondValue is { } second ? $"{Number(m.Value)}/{Number(second)}" : Number(m.Value);
        return $"{definition.NameNb} {value} {definition.Components[0].DisplayUnit}";
    }

    private static string Number(decimal value) => value.ToString("0.##", Bokmal);

    private static string Zone(TriageOutcome zone) => Texts.GetString($"Zone.{zone}", CultureInfo.InvariantCulture) ?? zone.ToString();

    private static string Local(DateTimeOffset at) => Varde.Domain.Services.NorwegianTime.ToLocal(at).ToString("dd.MM.yyyy HH:mm", Bokmal);

    private static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
