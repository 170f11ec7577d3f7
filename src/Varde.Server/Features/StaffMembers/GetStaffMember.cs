using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// GET /api/admin/staff/{id}: one staff member, and for a GP the patients listed with her (name only). Showing those
/// names is a read of patient data, so each patient shown gets an access-log entry (the patient sees who looked).
/// </summary>
public sealed class GetStaffMember(VardeDbContext db, PatientAccessGate gate)
{
    public const string GpListAction = "admin.gp-patient-list";

    public sealed record GpPatient(Guid Id, string Name);

    public sealed record Response(StaffResponse Staff, IReadOnlyList<GpPatient> GpPatients);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/staff/{id:guid}", async Task<Results<Ok<Response>, NotFound>> (Guid id, ClaimsPrincipal user, GetStaffMember slice, CancellationToken ct) =>
                await slice.HandleAsync(id, user, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound())
            .WithName(nameof(GetStaffMember))
            .RequireAuthorization(Policies.Administer);

    public async Task<Response?> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var staff = await ListStaff.OneAsync(db, id, ct);
        if (staff is null)
            return null;
        var patients = staff.Role == Role.Gp
            ? await db.Patients.AsNoTracking().Where(p => p.GpStaffId == id).OrderBy(p => p.Name).Select(p => new GpPatient(p.Id, p.Name)).ToListAsync(ct)
            : [];
        if (patients.Count > 0)
            await gate.LogAsync(Callers.From(user), patients.Select(p => p.Id), GpListAction, AccessOutcome.Allowed, ct);
        return new Response(staff, patients);
    }
}
