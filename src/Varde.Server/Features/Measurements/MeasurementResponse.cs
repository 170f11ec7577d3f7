using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Measurements;

/// <summary>A stored measurement with its triage result, as the JSON API returns it.</summary>
public sealed record MeasurementResponse(
    Guid Id,
    Guid PatientId,
    string ClientId,
    MeasurementType Type,
    decimal? Value,
    decimal? Systolic,
    decimal? Diastolic,
    string Unit,
    decimal OriginalValue,
    decimal? OriginalSecondValue,
    string OriginalUnit,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    MeasurementResponse.TriageDto Triage)
{
    public sealed record TriageDto(TriageOutcome Outcome, string RuleId, int RuleVersion, Guid? PlanVersionId, int? PlanVersion,
        IReadOnlyList<TriageInput> Inputs, ExplanationDto Explanation);

    public sealed record ExplanationDto(string Nb, string En);

    public static MeasurementResponse From(Measurement m)
    {
        var panel = m.Type == MeasurementType.BloodPressure;
        return new(m.Id, m.PatientId, m.ClientId, m.Type,
            panel ? null : m.Value, panel ? m.Value : null, panel ? m.SecondValue : null, m.Unit,
            m.OriginalValue, m.OriginalSecondValue, m.OriginalUnit, m.EffectiveAt, m.ReceivedAt,
            new TriageDto(m.TriageOutcome, m.TriageRuleId, m.TriageRuleVersion, m.PlanVersionId, m.PlanVersionNumber, m.TriageInputs,
                new ExplanationDto(m.TriageExplanationNb, m.TriageExplanationEn)));
    }
}
