using System.Globalization;
using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Alerts as DetectedIssue, coded as VKP reports alarms (standards.md §2.3): code from vkp-alert-code (5.2.1 reported
/// measurement, 5.2.2 questionnaire answer, 5.3.2 / 5.3.1 missing measurement / answer), VKP triage (R, Y, G) and
/// severity level as extensions, R4 severity (high, moderate, low), the reports it is about as <c>implicated</c>, and
/// the nurse's action as <c>mitigation</c>. Status: open or acknowledged is <c>preliminary</c>, handled or resolved
/// <c>final</c>. Read, and search by patient and status.
/// </summary>
public sealed class DetectedIssueResources(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const string AlertCodeSystem = "http://ehelse.no/fhir/CodeSystem/vkp-alert-code-v090";
    public const string TriageSystem = "http://ehelse.no/fhir/CodeSystem/vkp-triage-v090";
    public const string SeveritySystem = "http://ehelse.no/fhir/CodeSystem/vkp-severity-level-v090";
    public const string TriageExtension = "https://varde.no/fhir/StructureDefinition/vkp-triage";
    public const string SeverityExtension = "https://varde.no/fhir/StructureDefinition/vkp-severity-level";
    public const string StateExtension = "https://varde.no/fhir/StructureDefinition/alert-state";
    private static readonly string[] Known = [.. FhirSubjects.SearchParameters, "status", "_include", .. FhirPage.Parameters];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/DetectedIssue/{id}", (string id, ClaimsPrincipal user, DetectedIssueResources slice, CancellationToken ct) => slice.ReadAsync(id, user, ct))
            .WithName("ReadFhirDetectedIssue")
            .RequireScope("DetectedIssue", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/DetectedIssue/{id}/_history/{vid}", (string id, string vid, ClaimsPrincipal user, DetectedIssueResources slice, CancellationToken ct) =>
                FhirVersions.ReadAsync(slice.ReadAsync(id, user, ct), "DetectedIssue", id, vid))
            .WithName("VreadFhirDetectedIssue")
            .RequireScope("DetectedIssue", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/DetectedIssue/{id}/_history", (string id, HttpRequest request, ClaimsPrincipal user, DetectedIssueResources slice, TimeProvider clock, CancellationToken ct) =>
                FhirVersions.HistoryAsync(() => slice.ReadAsync(id, user, ct), request, clock.GetUtcNow()))
            .WithName("HistoryFhirDetectedIssue")
            .RequireScope("DetectedIssue", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/DetectedIssue", (HttpRequest request, ClaimsPrincipal user, DetectedIssueResources slice, CancellationToken ct) => slice.SearchAsync(request, user, ct))
            .WithName("SearchFhirDetectedIssues")
            .RequireScope("DetectedIssue", 's')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var alertId))
            return FhirOutcome.NotFound($"DetectedIssue/{id}");
        var alert = await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null || await gate.OpenAsync(user, alert.PatientId, "fhir.detected-issue.read", ct) is null)
            return FhirOutcome.NotFound($"DetectedIssue/{id}");
        return new FhirResult(ToFhir(alert));
    }

    public async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on DetectedIssue; supported: {string.Join(", ", Known)}.");
        if (FhirIncludes.Unknown(query, ["DetectedIssue:patient", "DetectedIssue:implicated"], []) is { } badInclude)
            return badInclude;
        if (!FhirSubjects.NamesPatient(query))
            return FhirOutcome.Invalid("DetectedIssue search needs patient.");
        var (paging, problem) = FhirPage.Read(query, 100);
        if (paging is null)
            return problem!;
        var statuses = query["status"].SelectMany(s => s!.Split(',')).ToList();
        if (statuses.FirstOrDefault(s => s is not ("preliminary" or "final")) is { } status)
            return FhirOutcome.Invalid($"DetectedIssue status '{status}' never occurs in Varde; use preliminary (open, acknowledged) or final (handled, resolved).");

        var patientId = await FhirSubjects.SearchedPatientAsync(db, query, ct);
        var allowed = patientId is { } id && await gate.OpenAsync(user, id, "fhir.detected-issue.search", ct) is not null;
        paging = paging.Fixed(clock.GetUtcNow());
        var asOf = paging.AsOf!.Value;
        var alerts = db.Alerts.AsNoTracking().Where(a => allowed && a.PatientId == patientId && a.OpenedAt <= asOf);
        if (statuses.Count > 0)
        {
            var active = statuses.Contains("preliminary");
            var closed = statuses.Contains("final");
            alerts = alerts.Where(a => (active && (a.State == AlertState.Open || a.State == AlertState.Acknowledged))
                || (closed && (a.State == AlertState.Handled || a.State == AlertState.Resolved)));
        }

        var total = await alerts.CountAsync(ct);
        var page = await alerts.OrderByDescending(a => a.OpenedAt).ThenByDescending(a => a.Id).Skip(paging.Offset).Take(paging.Count).ToListAsync(ct);
        var bundle = paging.NewBundle(request, "DetectedIssue", total, clock.GetUtcNow());
        foreach (var a in page)
            FhirPage.Add(bundle, FhirPaths.Resource(request, "DetectedIssue", a.Id), ToFhir(a));
        if (page.Count > 0 && FhirIncludes.Asks(query, "_include", "DetectedIssue:patient"))
            await FhirIncludes.PatientAsync(db, request, bundle, patientId!.Value, ct);
        if (FhirIncludes.Asks(query, "_include", "DetectedIssue:implicated"))
            await FhirIncludes.ReadingsOfAsync(db, request, bundle, [.. page.SelectMany(a => a.Members).Select(m => m.ReportId)], ct);
        return new FhirResult(bundle);
    }

    public static DetectedIssue ToFhir(Alert a)
    {
        var measurement = a.Subject.StartsWith("measurement:", StringComparison.Ordinal);
        var (code, display) = a.Category == AlertCategory.MissingReport
            ? measurement ? ("5.3.2", "Måling ikke rapportert") : ("5.3.1", "Manglende skjemabesvarelse")
            : measurement ? ("5.2.1", "Måledata rapportert") : ("5.2.2", "Skjemabesvarelse");
        var (triage, severityLevel, severity) = a.Zone switch
        {
            TriageOutcome.Red => ("R", "30", DetectedIssue.DetectedIssueSeverity.High),
            TriageOutcome.Yellow => ("Y", "20", DetectedIssue.DetectedIssueSeverity.Moderate),
            _ => ("G", "10", DetectedIssue.DetectedIssueSeverity.Low),
        };
        var issue = new DetectedIssue
        {
            Id = a.Id.ToString(),
            Meta = new Meta { LastUpdated = a.UpdatedAt, VersionId = a.Version.ToString(CultureInfo.InvariantCulture) },
            Status = a.State is AlertState.Open or AlertState.Acknowledged ? ObservationStatus.Preliminary : ObservationStatus.Final,
            Code = new CodeableConcept(AlertCodeSystem, code, display),
            Severity = severity,
            Patient = new ResourceReference($"Patient/{a.PatientId}"),
            Identified = new FhirDateTime(a.OpenedAt),
            Detail = a.ReasonNb,
            Implicated = a.Members.Select(m => new ResourceReference($"{(measurement ? "Observation" : "QuestionnaireResponse")}/{m.ReportId}")).ToList(),
        };
        issue.Extension.Add(new Extension(TriageExtension, new Coding(TriageSystem, triage)));
        issue.Extension.Add(new Extension(SeverityExtension, new Coding(SeveritySystem, severityLevel)));
        issue.Extension.Add(new Extension(StateExtension, new Code(a.State.ToString().ToLowerInvariant())));
        if (a.HandledAt is { } handled && a.Action is { } action)
            issue.Mitigation.Add(new DetectedIssue.MitigationComponent
            {
                Action = new CodeableConcept("https://varde.no/fhir/CodeSystem/alert-action", System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(action.ToString())),
                DateElement = new FhirDateTime(handled),
            });
        return issue;
    }
}
