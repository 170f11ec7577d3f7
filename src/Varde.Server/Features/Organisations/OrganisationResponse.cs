using Varde.Domain.Organisations;

namespace Varde.Server.Features.Organisations;

/// <summary>An organisation as the administrator's API and screens show it.</summary>
public sealed record OrganisationResponse(Guid Id, OrganisationKind Kind, string Name, string? MunicipalityNumber, string? OrganisationNumber,
    Guid? HealthCommunityId, IReadOnlyList<Guid> ServedMunicipalityIds, bool Active, DateTimeOffset? DeactivatedAt)
{
    public static OrganisationResponse From(Organisation o) => new(o.Id, o.Kind, o.Name, o.MunicipalityNumber, o.OrganisationNumber,
        o.HealthCommunityId, [.. o.ServedMunicipalityIds], o.IsActive, o.DeactivatedAt);
}
