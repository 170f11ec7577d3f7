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
/// stores (<see cref="Stage(Caller, IEnumerable{Guid}, string, AccessOutcome, string?)"/>), so it is saved with them or not at all. A denied caller gets
/// the same answer as for a patient that does not exist (404), so existence is not revealed. A clinician who opened
/// emergency access (break-glass) is let in while it lasts, and every such act is logged as <see cref="AccessOutcome.BreakGlass"/>.
/// </summary>
public sealed class PatientAccessGate(VardeDbContext db, TimeProvider clock, VardeMetrics metrics, IHttpContextAccessor http)
{
    public async Task<Patient?> OpenAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var outcome = patient is null ? AccessOutcome.Denied
            : PatientAccessRule.Allows(caller, patient.CareRelations) ? AccessOutcome.Allowed
            : await HasOpenBreakGlassAsync(caller, patientId, ct) ? AccessOutcome.BreakGlass
            : AccessOutcome.Denied;
        await LogAsync(caller, [patientId], action, outcome, ct);
        if (outcome == AccessOutcome.Denied)
            metrics.AccessDenied();
        return outcome == AccessOutcome.Denied ? null : patient;
    }

    /// <summary>Whether the caller opened emergency access to the patient that has not run out (<see cref="BreakGlassAccess"/>).</summary>
    public async Task<bool> HasOpenBreakGlassAsync(Caller caller, Guid patientId, CancellationToken ct)
    {
        if (!BreakGlassAccess.MayOpen(caller.Role))
            return false;
        var now = clock.GetUtcNow();
        return await db.BreakGlassAccesses.AnyAsync(b => b.ActorId == caller.ActorId && b.PatientId == patientId && b.At <= now && b.Until > now, ct);
    }

    /// <summary>Logs that the caller saw these patients (for lists and searches).</summary>
    public async Task LogAsync(Caller caller, IEnumerable<Guid> patientIds, string action, AccessOutcome outcome, CancellationToken ct)
    {
        Stage(caller, patientIds, action, outcome);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds access-log entries to the unit of work, so they are saved with the data they are about (and not without it).</summary>
    public void Stage(Caller caller, IEnumerable<Guid> patientIds, string action, AccessOutcome outcome) =>
        Stage(caller, patientIds, action, outcome, CurrentRequest());

    /// <summary>
    /// Adds access-log entries naming the given request: for work done for a request on another thread (intake's
    /// writers serve many requests), where the current request is not the one the entries are about.
    /// </summary>
    public void Stage(Caller caller, IEnumerable<Guid> patientIds, string action, AccessOutcome outcome, string? request)
    {
        var now = clock.GetUtcNow();
        var traceId = Activity.Current?.TraceId.ToString();
        db.AccessLog.AddRange(patientIds.Select(id => AccessLogEntry.Create(Guid.CreateVersion7(now), caller, id, action, outcome, now, traceId, request)));
    }

    /// <summary>The request being served, as the access log names it (none outside a request).</summary>
    public string? CurrentRequest() => http.HttpContext is { } context ? Features.Audit.AuditedRequest.Describe(context.Request) : null;
}
