using System.Security.Claims;
using Varde.Data;
using Varde.Domain.Plans;
using Varde.Domain.Services;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Plans;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.PatientApp;

/// <summary>The patient's "Min plan": the plan version in force and the follow-up service's opening hours.</summary>
public sealed class GetPatientPlan(VardeDbContext db, PatientAccessGate gate, ServiceHours hours)
{
    public sealed record Response(PlanVersion? Version, OpeningHours Hours);

    public async Task<Response?> HandleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var patientId = PatientAuth.PatientId(user);
        var patient = await gate.OpenAsync(user, patientId, "patient-app.plan", ct);
        if (patient is null)
            return null;
        var (settings, _) = await hours.ForAsync(patient.FollowUpServiceId, ct);
        return new Response(await CurrentPlanVersion.InForceAsync(db, patientId, ct), settings.OpeningHours);
    }
}
