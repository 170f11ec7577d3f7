using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Devices;
using Varde.Server.Auth;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>
/// GET /api/equipment: the lent-equipment register, filtered by service (administrators), kind, status (InStore, Lent,
/// Retired, or ServiceDue: a battery change or service date today or before) and serial number (its start); ordered by
/// kind and serial number. Nurses and coordinators get their own service's, with who has what (ADR 0026).
/// </summary>
public sealed class ListEquipment(EquipmentAccess access, TimeProvider clock)
{
    public const string ServiceDueFilter = "ServiceDue";

    public sealed record Query(Guid? ServiceId, EquipmentKind? Kind, string? Status, string? Serial);

    public static void Map(RouteGroupBuilder equipment) =>
        equipment.MapGet("/", async ([AsParameters] QueryParameters q, ClaimsPrincipal user, ListEquipment slice, CancellationToken ct) =>
                TypedResults.Ok(await slice.HandleAsync(new Query(q.ServiceId, Enum.TryParse<EquipmentKind>(q.Kind, ignoreCase: true, out var kind) ? kind : null,
                    q.Status, q.Serial), user, ct)))
            .WithName(nameof(ListEquipment))
            .RequireAuthorization(Policies.SeeEquipment);

    public async Task<IReadOnlyList<EquipmentResponse>> HandleAsync(Query query, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var items = access.Visible(caller).AsNoTracking();
        if (query.ServiceId is { } service)
            items = items.Where(e => e.ServiceId == service);
        if (query.Kind is { } kind)
            items = items.Where(e => e.Kind == kind);
        if (!string.IsNullOrWhiteSpace(query.Serial))
        {
            var serial = LentEquipment.NormaliseSerial(query.Serial);
            items = items.Where(e => e.SerialNumber.StartsWith(serial));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        items = (query.Status ?? "").ToLowerInvariant() switch
        {
            "instore" => items.Where(e => e.RetiredAt == null && e.HolderPatientId == null),
            "lent" => items.Where(e => e.HolderPatientId != null),
            "retired" => items.Where(e => e.RetiredAt != null),
            "servicedue" => items.Where(e => e.RetiredAt == null && e.ServiceDueOn != null && e.ServiceDueOn <= today),
            _ => items,
        };
        var found = await items.OrderBy(e => e.Kind).ThenBy(e => e.SerialNumber).ToListAsync(ct);
        return await access.ResponsesAsync(caller, found, "equipment.list", ct);
    }

    /// <summary>The query string: kind and status by name, in any case (<c>kind=bloodPressureMeter&amp;status=serviceDue</c>).</summary>
    public sealed record QueryParameters(Guid? ServiceId, string? Kind, string? Status, string? Serial);
}
