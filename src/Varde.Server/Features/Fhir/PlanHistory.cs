using Varde.Domain.Plans;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Where one plan version stands among the patient's versions, as a CarePlan says it: the draft waiting for the GP,
/// the version in force, or a version a newer one has replaced (from when, and whether it was ever in force).
/// </summary>
public sealed record PlanStanding(PlanVersion Version, PlanVersion? Previous, PlanStanding.Kind Is, DateTimeOffset? EndedAt)
{
    public enum Kind
    {
        Draft,
        InForce,
        Replaced,
    }

    /// <summary>
    /// The FHIR version of the CarePlan: 1 when made, one more when the GP approved it, one more when a newer version
    /// replaced it. A version's content never changes, only where it stands.
    /// </summary>
    public int FhirVersion => 1 + (Version.IsApproved ? 1 : 0) + (Is == Kind.Replaced ? 1 : 0);

    public DateTimeOffset LastUpdated => EndedAt ?? Version.Approval?.ApprovedAt ?? Version.CreatedAt;
}

/// <summary>The standing of each of a patient's plan versions (<see cref="PlanStanding"/>), by <see cref="PlanInForce"/>'s rule.</summary>
public static class PlanHistory
{
    public static IReadOnlyList<PlanStanding> Of(IReadOnlyList<PlanVersion> versions)
    {
        var ordered = versions.OrderBy(v => v.Number).ToList();
        var inForce = PlanInForce.Newest(ordered);
        var newest = ordered.LastOrDefault();
        return [.. ordered.Select((v, i) =>
        {
            var previous = i > 0 ? ordered[i - 1] : null;
            if (v == inForce)
                return new PlanStanding(v, previous, PlanStanding.Kind.InForce, null);
            if (v == newest && !v.IsApproved)
                return new PlanStanding(v, previous, PlanStanding.Kind.Draft, null);
            // Replaced: an approved version when a newer one was approved; a draft when a newer version was made.
            var endedAt = v.IsApproved
                ? ordered.Skip(i + 1).First(n => n.IsApproved).Approval!.ApprovedAt
                : ordered[i + 1].CreatedAt;
            return new PlanStanding(v, previous, PlanStanding.Kind.Replaced, endedAt);
        })];
    }
}
