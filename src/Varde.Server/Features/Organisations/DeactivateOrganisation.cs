using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Organisations;

/// <summary>
/// POST /api/admin/organisations/{id}/deactivate: takes an organisation out of use. Nothing is deleted: its patients,
/// staff and history stay as they are and are still shown; it is only no longer offered for new things.
/// </summary>
public sealed class DeactivateOrganisation(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/organisations/{id:guid}/deactivate", async (Guid id, ClaimsPrincipal user, DeactivateOrganisation slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(DeactivateOrganisation))
            .RequireAuthorization(Policies.Administer);

    public async Task<OrganisationOutcome> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
            return new OrganisationOutcome.NotFound();
        if (!organisation.IsActive)
            return new OrganisationOutcome.Stored(OrganisationResponse.From(organisation));
        if (Callers.From(user).OrganisationId == id)
            return new OrganisationOutcome.Refused([new("id", "You cannot deactivate the organisation you work in yourself.")]);

        var before = AdminAudit.Snapshot(organisation);
        organisation.Deactivate(clock.GetUtcNow());
        audit.Stage(user, AdminEntityKinds.Organisation, id, AdminActions.Deactivated, before, AdminAudit.Snapshot(organisation));
        await db.SaveChangesAsync(ct);
        return new OrganisationOutcome.Stored(OrganisationResponse.From(organisation));
    }
}
