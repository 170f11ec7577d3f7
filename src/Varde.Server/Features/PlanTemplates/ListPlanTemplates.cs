using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>GET /api/admin/plan-templates and /api/admin/plan-templates/{id}: every template, retired ones too, by diagnosis group and name.</summary>
public sealed class ListPlanTemplates(VardeDbContext db)
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/plan-templates", async (ListPlanTemplates slice, CancellationToken ct) => TypedResults.Ok(await slice.HandleAsync(ct)))
            .WithName(nameof(ListPlanTemplates))
            .RequireAuthorization(Policies.Administer);
        admin.MapGet("/plan-templates/{id:guid}", async Task<Results<Ok<PlanTemplateResponse>, NotFound>> (Guid id, ListPlanTemplates slice, CancellationToken ct) =>
                await slice.OneAsync(id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound())
            .WithName("GetPlanTemplate")
            .RequireAuthorization(Policies.Administer);
    }

    public async Task<IReadOnlyList<PlanTemplateResponse>> HandleAsync(CancellationToken ct) =>
        (await db.PlanTemplates.AsNoTracking().ToListAsync(ct))
            .OrderBy(t => t.RetiredAt is not null).ThenBy(t => t.Diagnosis).ThenBy(t => t.Name, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), true))
            .Select(PlanTemplateResponse.From).ToList();

    public async Task<PlanTemplateResponse?> OneAsync(Guid id, CancellationToken ct) =>
        await db.PlanTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct) is { } t ? PlanTemplateResponse.From(t) : null;
}
