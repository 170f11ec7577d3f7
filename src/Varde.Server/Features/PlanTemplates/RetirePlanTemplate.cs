using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>POST /api/admin/plan-templates/{id}/retire: the template is no longer offered for new plans; plans made from it are not touched.</summary>
public sealed class RetirePlanTemplate(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/plan-templates/{id:guid}/retire", async (Guid id, ClaimsPrincipal user, RetirePlanTemplate slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(RetirePlanTemplate))
            .RequireAuthorization(Policies.Administer);

    public async Task<PlanTemplateOutcome> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var template = await db.PlanTemplates.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
            return new PlanTemplateOutcome.NotFound();
        if (template.IsActive)
        {
            var before = PlanTemplateAudit.Snapshot(template);
            template.Retire(Callers.From(user).ActorId, clock.GetUtcNow());
            audit.Stage(user, AdminEntityKinds.PlanTemplate, id, AdminActions.Retired, before, PlanTemplateAudit.Snapshot(template));
            await db.SaveChangesAsync(ct);
        }

        return new PlanTemplateOutcome.Stored(PlanTemplateResponse.From(template));
    }
}
