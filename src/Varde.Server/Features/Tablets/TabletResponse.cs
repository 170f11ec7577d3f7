using Varde.Domain.Patients;

namespace Varde.Server.Features.Tablets;

/// <summary>A lent tablet as staff see it: never a hash, never the PIN.</summary>
public sealed record TabletResponse(Guid Id, Guid PatientId, string Label, PatientDeviceState State, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? CodeExpiresAt, DateTimeOffset? EnrolledAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedUntil, DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public static TabletResponse From(PatientDevice d, DateTimeOffset now) =>
        new(d.Id, d.PatientId, d.Label, d.StateAt(now), d.CreatedAt, d.CreatedBy, d.CodeExpiresAt, d.EnrolledAt, d.LastSignInAt,
            d.LockedUntil > now ? d.LockedUntil : null, d.RevokedAt, d.RevokedBy);
}
