using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// <c>_include</c> and <c>_revinclude</c> for the references Varde has, added to a search's page as
/// <c>search.mode = include</c> entries: an Observation's or an alert's patient (<c>Observation:patient</c>,
/// <c>Observation:subject</c>, <c>DetectedIssue:patient</c>), the readings an alert is about
/// (<c>DetectedIssue:implicated</c>), the devices a page of readings was measured with (<c>Observation:device</c>: for a
/// token that may read Devices, those the caller's organisation registered, as a Device read allows), and the alerts about a page of readings
/// (<c>_revinclude=DetectedIssue:implicated</c>). The caller may see the patient already (the search opened the gate for
/// her); anything else named is refused.
/// </summary>
public static class FhirIncludes
{
    public static readonly string[] Parameters = ["_include", "_revinclude"];

    /// <summary>The includes a search asks for that its type does not have, as a 400; null when all are known.</summary>
    public static FhirResult? Unknown(IQueryCollection query, string[] includes, string[] revincludes)
    {
        if (query["_include"].FirstOrDefault(i => !includes.Contains(Plain(i!))) is { } include)
            return FhirOutcome.Invalid($"_include={include} is not supported here; supported: {string.Join(", ", includes.DefaultIfEmpty("none"))}.");
        if (query["_revinclude"].FirstOrDefault(i => !revincludes.Contains(Plain(i!))) is { } revinclude)
            return FhirOutcome.Invalid($"_revinclude={revinclude} is not supported here; supported: {string.Join(", ", revincludes.DefaultIfEmpty("none"))}.");
        return null;
    }

    public static bool Asks(IQueryCollection query, string parameter, params string[] values) => query[parameter].Any(v => values.Contains(Plain(v!)));

    public static async System.Threading.Tasks.Task PatientAsync(VardeDbContext db, HttpRequest request, Bundle bundle, Guid patientId, CancellationToken ct)
    {
        if (await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct) is { } patient)
            Add(bundle, FhirPaths.Resource(request, "Patient", patient.Id), PatientResources.ToFhir(patient));
    }

    /// <summary>The devices of these readings that the caller's organisation registered (the Device read's rule), each once.</summary>
    public static async System.Threading.Tasks.Task DevicesAsync(VardeDbContext db, HttpRequest request, Bundle bundle, IReadOnlyCollection<Guid> deviceIds,
        Guid organisationId, CancellationToken ct)
    {
        foreach (var device in await db.MeasuringDevices.AsNoTracking().Where(d => deviceIds.Contains(d.Id) && d.OrganisationId == organisationId)
                     .OrderBy(d => d.Id).ToListAsync(ct))
            Add(bundle, FhirPaths.Resource(request, "Device", device.Id), DeviceResources.ToFhir(device));
    }

    /// <summary>The alerts that implicate any of these readings (or answers), each once.</summary>
    public static async System.Threading.Tasks.Task AlertsAboutAsync(VardeDbContext db, HttpRequest request, Bundle bundle, IReadOnlyCollection<Guid> reportIds,
        CancellationToken ct)
    {
        var alertIds = await db.AlertMembers.AsNoTracking().Where(m => reportIds.Contains(m.ReportId)).Select(m => m.AlertId).Distinct().ToListAsync(ct);
        foreach (var alert in await db.Alerts.AsNoTracking().Where(a => alertIds.Contains(a.Id)).OrderBy(a => a.OpenedAt).ToListAsync(ct))
            Add(bundle, FhirPaths.Resource(request, "DetectedIssue", alert.Id), DetectedIssueResources.ToFhir(alert));
    }

    /// <summary>The readings these alerts are about (measurement alerts; questionnaire answers are read by their own search).</summary>
    public static async System.Threading.Tasks.Task ReadingsOfAsync(VardeDbContext db, HttpRequest request, Bundle bundle, IReadOnlyCollection<Guid> reportIds,
        CancellationToken ct)
    {
        var measurements = await db.Measurements.AsNoTracking().Where(m => reportIds.Contains(m.Id)).ToListAsync(ct);
        var ids = measurements.Select(m => m.Id).ToList();
        var triage = await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, r => r.Result, ct);
        foreach (var m in measurements.OrderBy(m => m.EffectiveAt))
            Add(bundle, FhirPaths.Resource(request, "Observation", m.Id), ObservationMapping.ToFhir(m, triage.GetValueOrDefault(m.Id)));
    }

    private static void Add(Bundle bundle, string fullUrl, Resource resource)
    {
        if (bundle.Entry.All(e => e.FullUrl != fullUrl))
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = fullUrl, Resource = resource, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include } });
    }

    /// <summary>"Observation:patient:Patient" names the same as "Observation:patient".</summary>
    private static string Plain(string include) => include.Split(':') is { Length: 3 } parts ? $"{parts[0]}:{parts[1]}" : include;
}
