using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Organisations;

namespace Varde.Server.Features.Organisations;

/// <summary>
/// The checks that need the database: a municipality number from the official list and not taken, a health community
/// that exists and is in use, served municipalities that exist and are in use (one already served may stay after it
/// is deactivated). Deactivated organisations are never offered for something new.
/// </summary>
public static class OrganisationRules
{
    public static async Task<List<ValidationError>> CheckAsync(VardeDbContext db, Organisation? current, OrganisationKind kind,
        OrganisationRequest request, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var number = request.MunicipalityNumber?.Trim();
        if (kind == OrganisationKind.Municipality)
        {
            if (MunicipalityNumbers.Check("municipalityNumber", number) is { } notOfficial)
                errors.Add(notOfficial);
            else if (number != current?.MunicipalityNumber && await db.Organisations.AnyAsync(o => o.MunicipalityNumber == number, ct))
                errors.Add(new("municipalityNumber", $"Municipality {number} is registered already."));
        }

        if (request.HealthCommunityId is { } community && community != current?.HealthCommunityId
            && !await db.Organisations.AnyAsync(o => o.Id == community && o.Kind == OrganisationKind.HealthCommunity && o.DeactivatedAt == null, ct))
            errors.Add(new("healthCommunityId", "No health community in use with this id."));
        return errors;
    }

    /// <summary>The municipalities a follow-up service is to serve, with an error for any that is unknown or newly picked while deactivated.</summary>
    public static async Task<(List<Organisation> Municipalities, List<ValidationError> Errors)> ServedAsync(VardeDbContext db, Organisation? current,
        IReadOnlyList<Guid>? ids, CancellationToken ct)
    {
        var wanted = (ids ?? []).Distinct().ToList();
        var found = await db.Organisations.Where(o => wanted.Contains(o.Id)).ToListAsync(ct);
        var errors = new List<ValidationError>();
        if (found.Count != wanted.Count || found.Any(o => o.Kind != OrganisationKind.Municipality))
            errors.Add(new("servedMunicipalities", "A follow-up service can only serve registered municipalities."));
        if (found.Any(o => !o.IsActive && current?.ServedMunicipalityIds.Contains(o.Id) != true))
            errors.Add(new("servedMunicipalities", "A deactivated municipality cannot be added to a follow-up service."));
        return (found.OrderBy(o => wanted.IndexOf(o.Id)).ToList(), errors);
    }
}
