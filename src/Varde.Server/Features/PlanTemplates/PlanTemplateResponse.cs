using Varde.Domain.Patients;
using Varde.Domain.Plans;

namespace Varde.Server.Features.PlanTemplates;

/// <summary>A plan template with its content, version, who changed it last and when, and whether it is in use.</summary>
public sealed record PlanTemplateResponse(Guid Id, string Name, DiagnosisGroup Diagnosis, string? Description, IReadOnlyList<QuantityThreshold> Thresholds,
    PlanRules Rules, int Version, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, string ChangedBy, bool Active, DateTimeOffset? RetiredAt)
{
    public static PlanTemplateResponse From(PlanTemplate t) =>
        new(t.Id, t.Name, t.Diagnosis, t.Description, t.Thresholds, t.Rules, t.Version, t.CreatedAt, t.ChangedAt, t.ChangedBy, t.IsActive, t.RetiredAt);
}
