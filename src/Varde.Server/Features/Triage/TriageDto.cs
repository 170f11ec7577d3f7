using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>A triage result as the JSON API shows it; <see cref="UncertainTime"/>: judged as received, the device's time was not trusted.</summary>
public sealed record TriageDto(TriageOutcome Outcome, string RuleId, int RuleVersion, Guid? PlanVersionId, int? PlanVersion,
    IReadOnlyList<TriageInput> Inputs, TriageDto.ExplanationDto Explanation, bool Late, bool UncertainTime = false)
{
    public sealed record ExplanationDto(string Nb, string En);

    public static TriageDto From(TriageResult r) =>
        new(r.Outcome, r.RuleId, r.RuleVersion, r.PlanVersionId, r.PlanVersionNumber, r.Inputs, new ExplanationDto(r.ExplanationNb, r.ExplanationEn), r.Late, r.UncertainTime);
}
