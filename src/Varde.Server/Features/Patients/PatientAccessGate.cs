using System.Diagnostics;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Server.Auth;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Patients;

/// <summary>
/// The one door to a patient's data. Decides need-to-know access with <see cref="PatientAccessRule"/> and writes an
/// access-log entry for every attempt, allowed or denied, before any data is read or written. Intake
/// (<see cref="Triage.ReportIntake"/>) logs a denied attempt at once and stages the allowed entry with the reports it
/// stores (<see cref="Stage"/>), so it is saved with them or not at all. A denied caller gets
/// the same answer as for a patient that does not exist (404), so existence is not revealed.
/// </summary>
public sealed class PatientAccessGate(VardeDbContext db, TimeProvider clock, VardeMetrics metrics)
{
    public async Task<Patient?> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var allowed = patient is not null && PatientAccessRule.Allows(caller, patient.CareRelations);
        await LogAsync(caller, [patientId], action, allowed ? AccessOutcome.Allowed : AccessOutcome.Denied, ct);
        if (!allowed)
            metrics.AccessDenied();
        return allowed ? patient : null;
    }

    /// <summary>Logs that the caller saw these patients (for lists and searches).</summary>
    public async Task LogAsync(Caller caller, IEnumerable<Guid> patientIds, string action, AccessOutcome outcome, CancellationToken ct)
    {
        Stage(caller, patientIds, action, outcome);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds access-log entries to the unit of work, so they are saved with the data they are about (and not without it).</summary>
    public void Stage(Caller caller, IEnumerable<Guid> patientIds, string action, AccessOutcome outcome)
    {
        var now = clock.GetUtcNow();
        var traceId = Activity.Current?.TraceId.ToString();
        db.AccessLog.AddRange(patientIds.Select(id => AccessLogEntry.Create(Guid.CreateVersion7(now), caller, id, action, outcome, now, traceId)));
    }
}
