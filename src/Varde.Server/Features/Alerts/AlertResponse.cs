using Varde.Domain.Alerts;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>An alert with its reports, as the JSON API shows it (a patient's alert history, the result of an action).</summary>
public sealed record AlertResponse(
    Guid Id,
    Guid PatientId,
    AlertCategory Category,
    string Subject,
    TriageOutcome Zone,
    AlertState State,
    int ReportCount,
    string ReasonNb,
    string ReasonEn,
    bool Late,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? HandledAt,
    string? HandledBy,
    AlertAction? Action,
    string? Note,
    DateTimeOffset? ResolvedAt,
    string? ResolvedReason,
    DateTimeOffset? EscalatedAt,
    int Version,
    IReadOnlyList<AlertMember> Reports)
{
    public static AlertResponse From(Alert a) =>
        new(a.Id, a.PatientId, a.Category, a.Subject, a.Zone, a.State, a.ReportCount, a.ReasonNb, a.ReasonEn, a.Late, a.OpenedAt, a.UpdatedAt,
            a.AcknowledgedAt, a.AcknowledgedBy, a.HandledAt, a.HandledBy, a.Action, a.Note, a.ResolvedAt, a.ResolvedReason, a.EscalatedAt,
            a.Version, a.Members.OrderBy(m => m.EffectiveAt).ToList());
}
