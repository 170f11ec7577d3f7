using System.Security.Claims;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Organisations;

/// <summary>POST /api/admin/organisations: an administrator registers a municipality, follow-up service, GP office, hospital department or health community.</summary>
public sealed class CreateOrganisation(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/organisations", async (OrganisationRequest request, ClaimsPrincipal user, CreateOrganisation slice, CancellationToken ct) =>
                (await slice.HandleAsync(request, user, ct)).ToHttp(created: true))
            .WithName(nameof(CreateOrganisation))
            .RequireAuthorization(Policies.Administer);

    public async Task<OrganisationOutcome> HandleAsync(OrganisationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Kind is not { } kind)
            return new OrganisationOutcome.Refused([new("kind", "Choose what kind of organisation this is.")]);
        var errors = await OrganisationRules.CheckAsync(db, null, kind, request, ct);
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var name = request.Name ?? "";
        Validated<Organisation> created;
        switch (kind)
        {
            case OrganisationKind.FollowUpService:
                var (served, servedErrors) = await OrganisationRules.ServedAsync(db, null, request.ServedMunicipalityIds, ct);
                errors.AddRange(servedErrors);
                created = Organisation.FollowUpService(id, name, served, request.HealthCommunityId, request.OrganisationNumber);
                break;
            case OrganisationKind.Municipality:
                created = Organisation.Municipality(id, name, request.MunicipalityNumber?.Trim() ?? "", request.HealthCommunityId, request.OrganisationNumber);
                break;
            case OrganisationKind.GpOffice:
                created = Organisation.GpOffice(id, name, request.HealthCommunityId, request.OrganisationNumber);
                break;
            case OrganisationKind.HospitalDepartment:
                created = Organisation.HospitalDepartment(id, name, request.HealthCommunityId, request.OrganisationNumber);
                break;
            default:
                created = Organisation.HealthCommunity(id, name, request.OrganisationNumber);
                break;
        }

        errors.AddRange(created.Errors.Where(e => !errors.Any(known => known.Field == e.Field)));
        if (errors.Count > 0)
            return new OrganisationOutcome.Refused(errors);

        db.Organisations.Add(created.Value);
        audit.Stage(user, AdminEntityKinds.Organisation, id, AdminActions.Created, null, AdminAudit.Snapshot(created.Value));
        await db.SaveChangesAsync(ct);
        return new OrganisationOutcome.Stored(OrganisationResponse.From(created.Value));
    }
}
