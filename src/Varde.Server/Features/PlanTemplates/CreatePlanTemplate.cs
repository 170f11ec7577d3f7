using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>
/// POST /api/admin/plan-templates: an administrator makes a plan template for a diagnosis group. Its content is checked
/// as a plan's is (<see cref="PlanContent"/>), and the questionnaires it names must be in use (<see cref="QuestionnaireReferences"/>).
/// </summary>
public sealed class CreatePlanTemplate(VardeDbContext db, AdminAudit audit, StoredQuestionnaires stored, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/plan-templates", async (PlanTemplateRequest request, ClaimsPrincipal user, CreatePlanTemplate slice, CancellationToken ct) =>
                (await slice.HandleAsync(request, user, ct)).ToHttp(created: true))
            .WithName(nameof(CreatePlanTemplate))
            .RequireAuthorization(Policies.Administer);

    public async Task<PlanTemplateOutcome> HandleAsync(PlanTemplateRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var made = PlanTemplate.Create(Guid.CreateVersion7(now), request.Name, request.Diagnosis ?? DiagnosisGroup.None, request.Description,
            request.Thresholds, request.Rules, Callers.From(user).ActorId, now);
        var errors = made.Errors.ToList();
        errors.AddRange(QuestionnaireReferences.Check(request.Rules ?? PlanRules.None, await stored.CatalogueAsync(ct)));
        errors.AddRange(await PlanTemplateNames.CheckAsync(db, request.Name, null, ct));
        if (errors.Count > 0)
            return new PlanTemplateOutcome.Refused(errors);

        db.PlanTemplates.Add(made.Value);
        audit.Stage(user, AdminEntityKinds.PlanTemplate, made.Value.Id, AdminActions.Created, null, PlanTemplateAudit.Snapshot(made.Value));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return new PlanTemplateOutcome.Refused([PlanTemplateNames.Taken]);
        }

        return new PlanTemplateOutcome.Stored(PlanTemplateResponse.From(made.Value));
    }
}
