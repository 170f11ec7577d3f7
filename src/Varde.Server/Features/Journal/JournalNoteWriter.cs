using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Journal;
using Varde.Domain.Plans;
using Varde.Server.Features.Fhir;

namespace Varde.Server.Features.Journal;

/// <summary>
/// Makes the journal note of each alert handled in the last two days that has none yet: the readings of the
/// <c>Journal:PeriodDays</c> (7) before the handling, the alert, what was done, the plan in force then — as the FHIR
/// document and its PDF, written once. The note waits for delivery when a boundary is configured. One per alert (a
/// unique index), so a second server's run adds nothing.
/// </summary>
public sealed partial class JournalNoteWriter(VardeDbContext db, [FromKeyedServices(JournalGroup.Delivery)] IEnumerable<Delivery.IOutboundDelivery> delivery, IConfiguration configuration, TimeProvider clock,
    ILogger<JournalNoteWriter> logger)
{
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(2);
    private const int Batch = 100;

    /// <summary>Makes the notes that are missing; answers how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - LookBack;
        var handled = await db.Alerts.AsNoTracking()
            .Where(a => a.State == AlertState.Handled && a.HandledAt != null && a.HandledAt >= since && !db.JournalNotes.Any(n => n.AlertId == a.Id))
            .OrderBy(a => a.HandledAt).Take(Batch).ToListAsync(ct);
        var made = 0;
        foreach (var alert in handled)
        {
            db.ChangeTracker.Clear();
            db.JournalNotes.Add(await MakeAsync(alert, now, ct));
            try
            {
                await db.SaveChangesAsync(ct);
                made++;
            }
            catch (DbUpdateException e)
            {
                LogTaken(logger, alert.Id, e.GetType().Name); // another server made it
            }
        }

        return made;
    }

    private async Task<JournalNote> MakeAsync(Alert alert, DateTimeOffset now, CancellationToken ct)
    {
        var end = alert.HandledAt!.Value;
        var start = end - TimeSpan.FromDays(configuration.GetValue("Journal:PeriodDays", 7));
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == alert.PatientId, ct);
        var readings = await db.Measurements.AsNoTracking().Where(m => m.PatientId == alert.PatientId && m.EffectiveAt >= start && m.EffectiveAt <= end)
            .OrderBy(m => m.EffectiveAt).ToListAsync(ct);
        var ids = readings.Select(m => m.Id).ToList();
        var triage = await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, r => r.Result, ct);
        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == alert.PatientId).ToListAsync(ct);
        var author = Guid.TryParse(alert.HandledBy, out var staffId) ? await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, ct) : null;
        var service = await db.Organisations.AsNoTracking().Where(o => o.Id == alert.ServiceId).Select(o => o.Name).SingleOrDefaultAsync(ct) ?? "Oppfølgingstjenesten";
        var id = Guid.CreateVersion7(now);
        var facts = new JournalDocument.Facts(id, patient, alert, [.. readings.Select(m => (m, triage.GetValueOrDefault(m.Id)))],
            PlanInForce.At(versions, end), author, service, start, end, now);
        var content = JournalDocument.Content(facts);
        var document = JournalDocument.Document(facts, content, FhirBase);
        return JournalNote.Made(id, patient.Id, alert.ServiceId, alert.Id, facts.Plan?.Id, alert.HandledBy ?? "", start, end,
            JsonSerializer.Serialize(document, FhirJson.Output), JournalPdf.Render(content, now), delivery.Any(), now);
    }

    /// <summary>The FHIR base written into the document's fullUrls (<c>Journal:FhirBase</c>, else the public address).</summary>
    private string FhirBase => (configuration["Journal:FhirBase"] ?? $"{(configuration["Notifications:PublicAddress"] ?? "https://varde.invalid").TrimEnd('/')}/fhir").TrimEnd('/');

    [LoggerMessage(LogLevel.Information, "The journal note of alert {AlertId} was made elsewhere ({Kind})")]
    private static partial void LogTaken(ILogger logger, Guid alertId, string kind);
}
