using Varde.Domain.Pathways;

namespace Varde.Server.Features.Pathways;

/// <summary>A patient's pathway with every step taken (and who took it, by name where known).</summary>
public sealed record PathwayResponse(Guid Id, Guid PatientId, PathwayState State, string ReferralSource, DateTimeOffset ReferredAt,
    InclusionChecklist? Checklist, DateOnly? StartDate, string? DeclineReason, DateTimeOffset? InformationSentAt, DateTimeOffset? HomeVisitAt,
    DateTimeOffset? TrainingAt, IReadOnlyList<Equipment> Equipment, DateTimeOffset? TrialStartedAt, DateOnly? TrialEndsOn, DateTimeOffset? ActivatedAt,
    IReadOnlyList<Evaluation> Evaluations, DateTimeOffset? EndedAt, EndReason? EndReason, string? EndNote, int Version,
    IReadOnlyList<PathwayResponse.Step> History)
{
    public sealed record Step(PathwayStep What, PathwayState State, string ActorId, string? ActorName, DateTimeOffset At);

    public static PathwayResponse From(Pathway p, StaffNames names) =>
        new(p.Id, p.PatientId, p.State, p.ReferralSource, p.ReferredAt, p.Checklist, p.StartDate, p.DeclineReason, p.InformationSentAt, p.HomeVisitAt,
            p.TrainingAt, p.Equipment, p.TrialStartedAt, p.TrialEndsOn, p.ActivatedAt, p.Evaluations, p.EndedAt, p.EndReason, p.EndNote, p.Version,
            [.. p.History.Select(h => new Step(h.Step, h.State, h.ActorId, names.Find(h.ActorId), h.At))]);
}
