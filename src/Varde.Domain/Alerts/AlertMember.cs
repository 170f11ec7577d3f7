using Varde.Domain.Triage;

namespace Varde.Domain.Alerts;

/// <summary>One report behind an alert, with the zone and reason it brought in.</summary>
public sealed record AlertMember(Guid ReportId, string ClientId, DateTimeOffset EffectiveAt, TriageOutcome Zone, bool Late, string ReasonNb,
    string ReasonEn)
{
    /// <summary>
    /// How much this report weighs in the alert: a late report never makes an alert red as if it were current; it
    /// counts as yellow, and its text says it is late.
    /// </summary>
    public TriageOutcome Weight => Late && Zone == TriageOutcome.Red ? TriageOutcome.Yellow : Zone;

    public static AlertMember From(TriageRecord record) =>
        new(record.ReportId, record.ClientId, record.EffectiveAt, record.Result.Outcome, record.Result.Late, record.Result.ExplanationNb,
            record.Result.ExplanationEn);
}
