using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// What the patient sees after sending a reading or answers: what was sent, its zone and explanation, and for yellow
/// and red the plan's instruction for the zone, and (for red while the follow-up service is closed) the emergency
/// numbers, judged now. Only the patient's own reports are found.
/// </summary>
public sealed class GetReportResult(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ServiceHours hours)
{
    public sealed record Response(Guid Id, MeasurementType? Type, string? QuestionnaireId, IReadOnlyList<decimal> Values, decimal? Score,
        DateTimeOffset EffectiveAt, TriageResult Triage, PatientInstruction? Instruction, string? GreenInstruction);

    public async Task<Response?> HandleAsync(ClaimsPrincipal user, Guid reportId, CancellationToken ct)
    {
        var patientId = PatientAuth.PatientId(user);
        var patient = await gate.OpenAsync(user, patientId, "patient-app.result", ct);
        if (patient is null)
            return null;
        var record = await db.TriageRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == reportId && r.PatientId == patientId, ct);
        if (record is null)
            return null;

        var plan = record.PlanVersionId is { } planId ? await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == planId, ct) : null;
        var instruction = await hours.InstructionAsync(record.Result, record.Subject, plan, patient.FollowUpServiceId, clock.GetUtcNow(), ct);
        var green = record.Outcome == TriageOutcome.Green ? plan?.Rules.Instructions?.Green : null;
        var measurement = await db.Measurements.AsNoTracking().SingleOrDefaultAsync(m => m.Id == reportId, ct);
        if (measurement is not null)
            return new(reportId, measurement.Type, null, measurement.CanonicalValues, null, measurement.EffectiveAt, record.Result, instruction, green);

        var answers = await db.QuestionnaireResponses.AsNoTracking().SingleAsync(r => r.Id == reportId, ct);
        return new(reportId, null, answers.QuestionnaireId, [], answers.Score, answers.EffectiveAt, record.Result, instruction, green);
    }
}
