using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Organisations;

/// <summary>POST /api/admin/organisations/{id}/reactivate: puts a deactivated organisation back in use, offered again for new things.</summary>
public sealed class ReactivateOrganisation(VardeDbContext db, AdminAudit audit)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/organisations/{id:guid}/reactivate", async (Guid id, ClaimsPrincipal user, ReactivateOrganisation slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(ReactivateOrganisation))
            .RequireAuthorization(Policies.Administer);

    public async Task<OrganisationOutcome> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
            return new OrganisationOutcome.NotFound();
        if (!organisation.IsActive)
        {
            var before = AdminAudit.Snapshot(organisation);
            organisation.Reactivate();
            audit.Stage(user, AdminEntityKinds.Organisation, id, AdminActions.Reactivated, before, AdminAudit.Snapshot(organisation));
            await db.SaveChangesAsync(ct);
        }

        return new OrganisationOutcome.Stored(OrganisationResponse.From(organisation));
    }
}
