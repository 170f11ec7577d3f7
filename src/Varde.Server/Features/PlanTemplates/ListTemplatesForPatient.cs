using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>
/// GET /api/patients/{id}/plan/templates: the templates in use a plan for this patient can start from, those for the
/// patient's diagnosis groups first (<see cref="Offer.ForDiagnosis"/>). The plan editor fills the new plan from the one
/// chosen; the plan is then the patient's own, and the GP approves it as any other.
/// </summary>
public sealed class ListTemplatesForPatient(VardeDbContext db, PatientAccessGate gate)
{
    public sealed record Offer(PlanTemplateResponse Template, bool ForDiagnosis);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/plan/templates", (Guid patientId, ClaimsPrincipal user, ListTemplatesForPatient slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(ListTemplatesForPatient))
            .RequireAuthorization(Policies.EditPlans);

    public async Task<Results<Ok<IReadOnlyList<Offer>>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "plan.templates", ct) is not { } patient)
            return PatientProblems.NotFound(patientId);
        var templates = await db.PlanTemplates.AsNoTracking().Where(t => t.RetiredAt == null).ToListAsync(ct);
        IReadOnlyList<Offer> offers = templates.Select(t => new Offer(PlanTemplateResponse.From(t), patient.Diagnoses.HasFlag(t.Diagnosis)))
            .OrderByDescending(o => o.ForDiagnosis).ThenBy(o => o.Template.Diagnosis)
            .ThenBy(o => o.Template.Name, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), true)).ToList();
        return TypedResults.Ok(offers);
    }
}
