using System.Security.Claims;
using Varde.Domain.Administration;
using Varde.Server.Auth;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>
/// POST /api/equipment/{id}/return: the equipment is back in store. The service's nurses and coordinators, and
/// administrators (it may come back to the office), record it; the loan keeps when and by whom.
/// </summary>
public sealed class ReturnEquipment(EquipmentAccess access, TimeProvider clock)
{
    public sealed record Request(int? Version = null);

    public static void Map(RouteGroupBuilder equipment) =>
        equipment.MapPost("/{id:guid}/return", async (Guid id, Request? request, ClaimsPrincipal user, ReturnEquipment slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, request ?? new(), user, ct)).ToHttp())
            .WithName(nameof(ReturnEquipment))
            .RequireAuthorization(Policies.SeeEquipment);

    public async Task<EquipmentOutcome> HandleAsync(Guid id, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var item = await access.FindAsync(caller, id, ct);
        if (item is null)
            return new EquipmentOutcome.NotFound();
        if (request.Version is { } seen && seen != item.Version)
            return new EquipmentOutcome.Stale();
        var before = EquipmentAccess.Snapshot(item);
        var errors = item.Return(caller.ActorId, clock.GetUtcNow());
        if (errors.Count > 0)
            return new EquipmentOutcome.Refused(errors);
        access.Audit(user, item, AdminActions.Returned, before);
        return await access.SaveAsync(user, item, ct);
    }
}
