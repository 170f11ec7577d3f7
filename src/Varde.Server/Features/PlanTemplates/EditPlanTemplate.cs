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
/// PUT /api/admin/plan-templates/{id}: an administrator changes a template, as its next version, checked as when it was
/// made. Plans already made from it keep what they copied. A change made from an older version than the stored one is
/// refused (409), so two administrators never overwrite each other; a retired template is not changed.
/// </summary>
public sealed class EditPlanTemplate(VardeDbContext db, AdminAudit audit, StoredQuestionnaires stored, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPut("/plan-templates/{id:guid}", async (Guid id, PlanTemplateRequest request, ClaimsPrincipal user, EditPlanTemplate slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, request, user, ct)).ToHttp())
            .WithName(nameof(EditPlanTemplate))
            .RequireAuthorization(Policies.Administer);

    public async Task<PlanTemplateOutcome> HandleAsync(Guid id, PlanTemplateRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var template = await db.PlanTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
            return new PlanTemplateOutcome.NotFound();
        if (request.Version is { } from && from != template.Version)
            return new PlanTemplateOutcome.Changed(template.Version);
        if (!template.IsActive)
            return new PlanTemplateOutcome.Refused([new("id", "A retired template is not changed; make a new one.")]);

        var before = PlanTemplateAudit.Snapshot(template);
        var (by, now, diagnosis) = (Callers.From(user).ActorId, clock.GetUtcNow(), request.Diagnosis ?? DiagnosisGroup.None);
        // The content's own rules (checked without touching the template), then what needs the database; a questionnaire
        // the template named already may stay after it is retired.
        var errors = PlanTemplate.Create(id, request.Name, diagnosis, request.Description, request.Thresholds, request.Rules, by, now).Errors.ToList();
        errors.AddRange(QuestionnaireReferences.Check(request.Rules ?? PlanRules.None, await stored.CatalogueAsync(ct), template.Rules));
        errors.AddRange(await PlanTemplateNames.CheckAsync(db, request.Name, id, ct));
        if (errors.Count == 0)
            errors.AddRange(template.Edit(request.Name, diagnosis, request.Description, request.Thresholds, request.Rules, by, now));
        if (errors.Count > 0)
            return new PlanTemplateOutcome.Refused(errors);

        audit.Stage(user, AdminEntityKinds.PlanTemplate, id, AdminActions.Edited, before, PlanTemplateAudit.Snapshot(template));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PlanTemplateOutcome.Changed(template.Version);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return new PlanTemplateOutcome.Refused([PlanTemplateNames.Taken]);
        }

        return new PlanTemplateOutcome.Stored(PlanTemplateResponse.From(template));
    }
}
