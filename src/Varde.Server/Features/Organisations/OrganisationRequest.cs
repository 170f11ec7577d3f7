using Varde.Domain.Organisations;

namespace Varde.Server.Features.Organisations;

/// <summary>
/// The fields of an organisation, for creating (kind required) and editing (kind ignored: it never changes). The
/// municipality number is for municipalities, the served municipalities for follow-up services.
/// </summary>
public sealed record OrganisationRequest(OrganisationKind? Kind, string? Name, string? MunicipalityNumber, string? OrganisationNumber,
    Guid? HealthCommunityId, IReadOnlyList<Guid>? ServedMunicipalityIds);
