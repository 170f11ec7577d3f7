namespace Varde.Domain.Plans;

/// <summary>
/// The GP's approval of one plan version: who (actor id) and when. Only an approved version is used by triage and
/// shown to the patient; a version stays a draft until its approval is recorded, and an approval is never changed.
/// </summary>
public sealed record PlanApproval(string ApprovedBy, DateTimeOffset ApprovedAt);
