using Varde.Domain.Plans;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>What the administrative audit log keeps of a plan template: all of it, so every version can be read back.</summary>
public static class PlanTemplateAudit
{
    public static object Snapshot(PlanTemplate t) => new { t.Name, t.Diagnosis, t.Description, t.Version, t.Thresholds, t.Rules, t.RetiredAt };
}
