using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Exports;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Questionnaires;
using DomainPatient = Varde.Domain.Patients.Patient;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Writes the waiting bulk exports (<see cref="BulkExport"/>): the patients the requester may see (as when asked, by
/// <see cref="PatientAccessRule"/>; emergency access does not reach into exports), each in the access log, and their
/// resources of the asked types as NDJSON, at most <see cref="LinesPerFile"/> lines a file, mapped as the FHIR reads
/// map them. Readings and answers are those stored up to the time of asking and, with <c>_since</c>, after it; alerts
/// and plans those changed after it. Also deletes exports past <see cref="BulkExport.KeptFor"/>.
/// </summary>
public sealed partial class BulkExportJob(VardeDbContext db, PatientAccessGate gate, StoredQuestionnaires stored, TimeProvider clock, ILogger<BulkExportJob> logger)
{
    public const int LinesPerFile = 10_000;
    private const int PatientsPerQuery = 500;

    /// <summary>Writes every waiting export; answers how many it finished.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expiredBefore = now - BulkExport.KeptFor;
        await db.BulkExports.Where(e => e.FinishedAt != null && e.FinishedAt < expiredBefore).ExecuteDeleteAsync(ct);
        var waiting = await db.BulkExports.Where(e => e.State == BulkExportState.Accepted).OrderBy(e => e.RequestedAt).Select(e => e.Id).ToListAsync(ct);
        var finished = 0;
        foreach (var id in waiting)
        {
            db.ChangeTracker.Clear();
            var export = await db.BulkExports.SingleAsync(e => e.Id == id, ct);
            if (!export.Start())
                continue;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // another instance took it, or it was called off
            }

            try
            {
                await WriteAsync(export, ct);
                export.Complete(clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                finished++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // called off while it ran: the requester's cancel stands
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, export.Id, e);
                db.ChangeTracker.Clear();
                var failed = await db.BulkExports.SingleAsync(x => x.Id == id, ct);
                if (failed.Fail($"The export could not be written ({e.GetType().Name}); ask for it again.", clock.GetUtcNow()))
                    await db.SaveChangesAsync(ct);
            }
        }

        return finished;
    }

    private async System.Threading.Tasks.Task WriteAsync(BulkExport export, CancellationToken ct)
    {
        var caller = export.Requester;
        var candidates = export.GroupId is { } group ? db.Patients.AsNoTracking().Where(p => p.FollowUpServiceId == group) : db.Patients.AsNoTracking();
        var patients = (await candidates.OrderBy(p => p.Id).ToListAsync(ct)).Where(p => PatientAccessRule.Allows(caller, p.CareRelations)).ToList();
        await gate.LogAsync(caller, patients.Select(p => p.Id), "fhir.export", AccessOutcome.Allowed, ct);
        var file = new NdjsonFile(export, db);
        foreach (var type in export.TypeList)
        {
            foreach (var chunk in patients.Chunk(PatientsPerQuery))
            {
                await foreach (var resource in ResourcesAsync(type, export, chunk, ct))
                    await file.WriteAsync(type, resource, ct);
            }

            await file.CloseAsync(ct);
        }
    }

    private async IAsyncEnumerable<Resource> ResourcesAsync(string type, BulkExport export, DomainPatient[] patients,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var ids = patients.Select(p => p.Id).ToList();
        var (since, asked) = (export.Since, export.RequestedAt);
        switch (type)
        {
            case "Patient":
                foreach (var p in patients)
                    yield return PatientResources.ToFhir(p);
                break;
            case "CarePlan" or "Goal":
                var versions = await db.PlanVersions.AsNoTracking().Where(v => ids.Contains(v.PatientId)).ToListAsync(ct);
                var people = await CarePlanMapping.PeopleAsync(db, versions, ct);
                var questionnaires = await stored.CatalogueAsync(ct);
                foreach (var standing in versions.GroupBy(v => v.PatientId).SelectMany(g => PlanHistory.Of([.. g])).Where(s => since is null || s.LastUpdated > since))
                {
                    if (type == "CarePlan")
                        yield return CarePlanMapping.ToCarePlan(standing, people, questionnaires);
                    else
                        foreach (var goal in CarePlanMapping.ToGoals(standing, people))
                            yield return goal;
                }

                break;
            case "Observation":
                var measurements = db.Measurements.AsNoTracking().Where(m => ids.Contains(m.PatientId) && m.ReceivedAt <= asked && (since == null || m.ReceivedAt > since))
                    .OrderBy(m => m.PatientId).ThenBy(m => m.EffectiveAt).ThenBy(m => m.Id);
                foreach (var page in await PagesAsync(measurements.Select(m => m.Id), ct))
                {
                    var rows = await db.Measurements.AsNoTracking().Where(m => page.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
                    var triage = await db.TriageRecords.AsNoTracking().Where(r => page.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, r => r.Result, ct);
                    foreach (var id in page)
                        yield return ObservationMapping.ToFhir(rows[id], triage.GetValueOrDefault(id));
                }

                break;
            case "QuestionnaireResponse":
                var catalogue = await stored.CatalogueAsync(ct);
                var responses = db.QuestionnaireResponses.AsNoTracking().Where(r => ids.Contains(r.PatientId) && r.ReceivedAt <= asked && (since == null || r.ReceivedAt > since))
                    .OrderBy(r => r.PatientId).ThenBy(r => r.EffectiveAt).ThenBy(r => r.Id);
                foreach (var page in await PagesAsync(responses.Select(r => r.Id), ct))
                {
                    var rows = await db.QuestionnaireResponses.AsNoTracking().Where(r => page.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
                    var triage = await db.TriageRecords.AsNoTracking().Where(r => page.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, r => r.Result, ct);
                    foreach (var id in page)
                        yield return QuestionnaireResponseMapping.ToFhir(rows[id], triage.GetValueOrDefault(id), catalogue);
                }

                break;
            case "DetectedIssue":
                var alerts = await db.Alerts.AsNoTracking().Where(a => ids.Contains(a.PatientId) && (since == null || a.UpdatedAt > since))
                    .OrderBy(a => a.PatientId).ThenBy(a => a.OpenedAt).ToListAsync(ct);
                foreach (var a in alerts)
                    yield return DetectedIssueResources.ToFhir(a);
                break;
        }
    }

    /// <summary>The ids in order, read once, in pages of a thousand for the rows to be read by.</summary>
    private static async Task<IEnumerable<List<Guid>>> PagesAsync(IQueryable<Guid> ids, CancellationToken ct) =>
        (await ids.ToListAsync(ct)).Chunk(1000).Select(c => c.ToList());

    /// <summary>The file being filled: a resource per line; full at <see cref="LinesPerFile"/>, stored as the export's next file.</summary>
    private sealed class NdjsonFile(BulkExport export, VardeDbContext db)
    {
        private readonly StringBuilder _lines = new();
        private int _count;
        private string _type = "";

        public async System.Threading.Tasks.Task WriteAsync(string type, Resource resource, CancellationToken ct)
        {
            _type = type;
            _lines.Append(JsonSerializer.Serialize(resource, FhirJson.Output)).Append('\n');
            if (++_count == LinesPerFile)
                await CloseAsync(ct);
        }

        public async System.Threading.Tasks.Task CloseAsync(CancellationToken ct)
        {
            if (_count == 0)
                return;
            export.Add(_type, _count, _lines.ToString());
            await db.SaveChangesAsync(ct);
            _lines.Clear();
            _count = 0;
        }
    }

    [LoggerMessage(LogLevel.Error, "Bulk export {ExportId} failed")]
    private static partial void LogFailed(ILogger logger, Guid exportId, Exception e);
}
