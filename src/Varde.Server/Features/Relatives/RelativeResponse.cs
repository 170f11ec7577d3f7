using Varde.Domain.Access;
using Varde.Domain.Relatives;

namespace Varde.Server.Features.Relatives;

/// <summary>
/// A relative as the patient and her nurses see them: who, how to reach them, what they may do now, and every consent
/// decision with who made it. The identity number itself is not sent back, only whether there is one (ID-porten sign-in).
/// </summary>
public sealed record RelativeResponse(Guid Id, Guid PatientId, string Name, string Relation, string? Phone, string? Email, bool SignsInWithIdPorten,
    IReadOnlyList<RelativePermissions> Permissions, DateTimeOffset InvitedAt, DateTimeOffset? CodeExpiresAt, DateTimeOffset? LastSignInAt,
    IReadOnlyList<RelativeResponse.Decision> History)
{
    public bool HasConsent => Permissions.Count > 0;

    /// <summary>One consent decision, newest first: what was allowed after it, by whom (a name, or "the patient"), on what basis.</summary>
    public sealed record Decision(DateTimeOffset At, IReadOnlyList<RelativePermissions> Permissions, string ByName, Role ByRole, string? Basis);

    public static RelativeResponse From(Relative r, IEnumerable<RelativeConsent> history, StaffNames names, DateTimeOffset now)
    {
        var decisions = history.Where(c => c.RelativeId == r.Id).OrderByDescending(c => c.Sequence).ToList();
        return new(r.Id, r.PatientId, r.Name, r.Relation, r.Phone, r.Email, r.IdentityNumber is not null,
            RelativeConsents.Split(decisions.FirstOrDefault()?.Permissions ?? RelativePermissions.None), r.InvitedAt,
            r.CodeExpiresAt > now ? r.CodeExpiresAt : null, r.LastSignInAt,
            decisions.Select(c => new Decision(c.At, RelativeConsents.Split(c.Permissions),
                c.ByRole == Role.Patient ? "" : names.Of(c.ByActorId)!, c.ByRole, c.Basis)).ToList());
    }
}
