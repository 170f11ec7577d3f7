using System.Security.Claims;
using Varde.Domain.Administration;
using Varde.Domain.Devices;
using Varde.Server.Auth;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>PUT /api/admin/equipment/{id}: an administrator changes the kind, serial number, model or the battery/service date.</summary>
public sealed class EditEquipment(EquipmentAccess access)
{
    public sealed record Request(EquipmentKind? Kind, string? SerialNumber, string? Model, DateOnly? ServiceDueOn, int? Version = null);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPut("/equipment/{id:guid}", async (Guid id, Request request, ClaimsPrincipal user, EditEquipment slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, request, user, ct)).ToHttp())
            .WithName(nameof(EditEquipment))
            .RequireAuthorization(Policies.Administer);

    public async Task<EquipmentOutcome> HandleAsync(Guid id, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var item = await access.FindAsync(Callers.From(user), id, ct);
        if (item is null)
            return new EquipmentOutcome.NotFound();
        if (request.Version is { } seen && seen != item.Version)
            return new EquipmentOutcome.Stale();
        var before = EquipmentAccess.Snapshot(item);
        var errors = item.Edit(request.Kind, request.SerialNumber, request.Model, request.ServiceDueOn).ToList();
        if (errors.Count == 0 && await access.SerialTakenAsync(item.ServiceId, item.SerialNumber, item.Id, ct))
            errors.Add(EquipmentAccess.SerialTaken(item.SerialNumber));
        if (errors.Count > 0)
            return new EquipmentOutcome.Refused(errors);
        access.Audit(user, item, AdminActions.Edited, before);
        return await access.SaveAsync(user, item, ct);
    }
}
