using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Organisations;

/// <summary>
/// PUT /api/admin/organisations/{id}: an administrator changes an organisation's name, numbers and health community, and
/// which municipalities a follow-up service serves. Its kind never changes; patients keep their municipality.
/// </summary>
public sealed class EditOrganisation(VardeDbContext db, AdminAudit audit)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPut("/organisations/{id:guid}", async (Guid id, OrganisationRequest request, ClaimsPrincipal user, EditOrganisation slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, request, user, ct)).ToHttp())
            .WithName(nameof(EditOrganisation))
            .RequireAuthorization(Policies.Administer);

    public async Task<OrganisationOutcome> HandleAsync(Guid id, OrganisationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
            return new OrganisationOutcome.NotFound();
        var before = AdminAudit.Snapshot(organisation);
        var errors = await OrganisationRules.CheckAsync(db, organisation, organisation.Kind, request, ct);
        List<Organisation>? served = null;
        if (organisation.Kind == OrganisationKind.FollowUpService)
        {
            (served, var servedErrors) = await OrganisationRules.ServedAsync(db, organisation, request.ServedMunicipalityIds, ct);
            errors.AddRange(servedErrors);
        }

        if (errors.Count > 0)
            return new OrganisationOutcome.Refused(errors);
        errors.AddRange(organisation.Edit(request.Name ?? "", request.MunicipalityNumber?.Trim(), request.OrganisationNumber, request.HealthCommunityId));
        if (served is not null && errors.Count == 0)
            errors.AddRange(organisation.ChangeServedMunicipalities(served));
        if (errors.Count > 0)
            return new OrganisationOutcome.Refused(errors);

        audit.Stage(user, AdminEntityKinds.Organisation, id, AdminActions.Edited, before, AdminAudit.Snapshot(organisation));
        await db.SaveChangesAsync(ct);
        return new OrganisationOutcome.Stored(OrganisationResponse.From(organisation));
    }
}
