using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Devices;
using Varde.Domain.Organisations;
using Varde.Server.Auth;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>POST /api/admin/equipment: an administrator adds equipment to a follow-up service's register (in store).</summary>
public sealed class AddEquipment(VardeDbContext db, EquipmentAccess access, TimeProvider clock)
{
    public sealed record Request(Guid? ServiceId, EquipmentKind? Kind, string? SerialNumber, string? Model, DateOnly? ServiceDueOn);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/equipment", async (Request request, ClaimsPrincipal user, AddEquipment slice, CancellationToken ct) =>
                (await slice.HandleAsync(request, user, ct)).ToHttp(created: true))
            .WithName(nameof(AddEquipment))
            .RequireAuthorization(Policies.Administer);

    public async Task<EquipmentOutcome> HandleAsync(Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var added = LentEquipment.Add(Guid.CreateVersion7(now), request.ServiceId ?? Guid.Empty, request.Kind, request.SerialNumber, request.Model,
            request.ServiceDueOn, Callers.From(user).ActorId, now);
        var errors = added.Errors.ToList();
        if (request.ServiceId is not { } serviceId
            || !await db.Organisations.AnyAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService && o.DeactivatedAt == null, ct))
            errors.Add(new("serviceId", "Choose the follow-up service in use that lends it."));
        else if (added.IsValid && await access.SerialTakenAsync(serviceId, added.Value.SerialNumber, null, ct))
            errors.Add(EquipmentAccess.SerialTaken(added.Value.SerialNumber));
        if (errors.Count > 0)
            return new EquipmentOutcome.Refused(errors);

        db.LentEquipment.Add(added.Value);
        access.Audit(user, added.Value, AdminActions.Created, null);
        return await access.SaveAsync(user, added.Value, ct);
    }
}
