using Varde.Domain.Triage;

namespace Varde.Domain.Alerts;

/// <summary>
/// One report behind an alert, with the zone and reason it brought in: its own row, so that a report joins an alert
/// without the alert's other reports being read (ADR 0021).
/// </summary>
public sealed class AlertMember(Guid reportId, string clientId, DateTimeOffset effectiveAt, TriageOutcome zone, bool late, string reasonNb,
    string reasonEn)
{
    public Guid AlertId { get; internal set; }

    public Guid ReportId { get; private set; } = reportId;

    public string ClientId { get; private set; } = clientId;

    public DateTimeOffset EffectiveAt { get; private set; } = effectiveAt;

    public TriageOutcome Zone { get; private set; } = zone;

    public bool Late { get; private set; } = late;

    public string ReasonNb { get; private set; } = reasonNb;

    public string ReasonEn { get; private set; } = reasonEn;

    /// <summary>
    /// How much this report weighs in the alert: a late report never makes an alert red as if it were current; it
    /// counts as yellow, and its text says it is late.
    /// </summary>
    public TriageOutcome Weight => Late && Zone == TriageOutcome.Red ? TriageOutcome.Yellow : Zone;

    public static AlertMember From(TriageRecord record) =>
        new(record.ReportId, record.ClientId, record.EffectiveAt, record.Result.Outcome, record.Result.Late, record.Result.ExplanationNb,
            record.Result.ExplanationEn);

    /// <summary>The report was judged again: it keeps its place in the alert with its new zone and reason.</summary>
    internal void Became(AlertMember judgedAgain)
    {
        ClientId = judgedAgain.ClientId;
        EffectiveAt = judgedAgain.EffectiveAt;
        Zone = judgedAgain.Zone;
        Late = judgedAgain.Late;
        ReasonNb = judgedAgain.ReasonNb;
        ReasonEn = judgedAgain.ReasonEn;
    }

    /// <summary>Which of two reports at the same weight gives the alert its reason: the later one, by client id on a tie.</summary>
    internal static bool IsAfter(DateTimeOffset effectiveAt, string clientId, DateTimeOffset otherEffectiveAt, string otherClientId) =>
        effectiveAt != otherEffectiveAt ? effectiveAt > otherEffectiveAt : string.CompareOrdinal(clientId, otherClientId) > 0;
}
