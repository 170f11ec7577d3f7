using Varde.Domain.Plans;

namespace Varde.Server.Features.Plans;

/// <summary>One plan version; <see cref="Approval"/> is null while it is a draft.</summary>
public sealed record PlanVersionResponse(Guid Id, Guid PatientId, int Number, DateTimeOffset CreatedAt, string CreatedBy,
    string? ChangeNote, IReadOnlyList<QuantityThreshold> Thresholds, PlanRules Rules, PlanApproval? Approval = null)
{
    public static PlanVersionResponse From(PlanVersion v) =>
        new(v.Id, v.PatientId, v.Number, v.CreatedAt, v.CreatedBy, v.ChangeNote, v.Thresholds, v.Rules, v.Approval);
}
