using System.Security.Claims;
using Varde.Domain.Administration;
using Varde.Server.Auth;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>POST /api/admin/equipment/{id}/retire: an administrator takes equipment in store out of use; it stays in the register with its loans.</summary>
public sealed class RetireEquipment(EquipmentAccess access, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/equipment/{id:guid}/retire", async (Guid id, ClaimsPrincipal user, RetireEquipment slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, user, ct)).ToHttp())
            .WithName(nameof(RetireEquipment))
            .RequireAuthorization(Policies.Administer);

    public async Task<EquipmentOutcome> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var item = await access.FindAsync(Callers.From(user), id, ct);
        if (item is null)
            return new EquipmentOutcome.NotFound();
        var before = EquipmentAccess.Snapshot(item);
        var wasRetired = item.RetiredAt is not null;
        var errors = item.Retire(clock.GetUtcNow());
        if (errors.Count > 0)
            return new EquipmentOutcome.Refused(errors);
        if (!wasRetired)
            access.Audit(user, item, AdminActions.Retired, before);
        return await access.SaveAsync(user, item, ct);
    }
}
