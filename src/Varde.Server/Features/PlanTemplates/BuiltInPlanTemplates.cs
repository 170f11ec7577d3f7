using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Plans;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>
/// A new installation (no plan template yet) gets Varde's default plans as templates, one per diagnosis group
/// (<see cref="DefaultPlans"/>), made by "varde"; an administrator changes or retires them like any other. An
/// installation that has templates, retired ones too, gets none added. Not an administrator's change, so not in the
/// administrative audit log.
/// </summary>
public static class BuiltInPlanTemplates
{
    public const string Actor = "varde";

    public static async Task EnsureAsync(VardeDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.PlanTemplates.AnyAsync(ct))
            return;
        foreach (var group in DefaultPlans.Groups)
        {
            var template = PlanTemplate.Create(Guid.CreateVersion7(now), DefaultPlans.Name(group), group, DefaultPlans.Description,
                DefaultPlans.Thresholds(group), DefaultPlans.Rules(group) with { Guidance = DefaultPlans.Guidance(group) }, Actor, now);
            db.PlanTemplates.Add(template.IsValid ? template.Value
                : throw new InvalidOperationException($"Varde's default plan for {group} is not a valid template: {template.Errors[0].Message}"));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node starting at the same time stored them.
            db.ChangeTracker.Clear();
        }
    }
}
