using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Server.Auth;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>
/// GET /api/equipment/{id}: one piece of equipment and every loan of it (handed out and returned, and by whom); the
/// patients named for the service's nurses and coordinators only. Another service's equipment is not found.
/// </summary>
public sealed class GetEquipment(EquipmentAccess access, Varde.Data.VardeDbContext db)
{
    public sealed record Loan(EquipmentResponse.Patient? Patient, DateTimeOffset HandedOutAt, string HandedOutBy, DateTimeOffset? ReturnedAt, string? ReturnedBy);

    public sealed record Response(EquipmentResponse Equipment, IReadOnlyList<Loan> Loans);

    public static void Map(RouteGroupBuilder equipment) =>
        equipment.MapGet("/{id:guid}", async Task<Results<Ok<Response>, NotFound>> (Guid id, ClaimsPrincipal user, GetEquipment slice, CancellationToken ct) =>
                await slice.HandleAsync(id, user, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound())
            .WithName(nameof(GetEquipment))
            .RequireAuthorization(Policies.SeeEquipment);

    public async Task<Response?> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var item = await access.FindAsync(caller, id, ct);
        if (item is null)
            return null;
        var patients = await access.HoldersAsync(caller, item.Loans.Select(l => l.PatientId), "equipment.read", ct);
        var staff = await StaffNames.ForAsync(db, item.Loans.SelectMany(l => new[] { l.HandedOutBy, l.ReturnedBy }), ct);
        var response = (await access.ResponsesAsync([item], patients, ct))[0];
        return new Response(response, [.. item.Loans.Reverse().Select(l => new Loan(patients.GetValueOrDefault(l.PatientId), l.HandedOutAt,
            staff.Of(l.HandedOutBy)!, l.ReturnedAt, staff.Of(l.ReturnedBy)))]);
    }
}
