using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Tablets;

/// <summary>GET /api/patients/{id}/tablets: the tablets lent to the patient, newest first, with their state.</summary>
public sealed class ListTablets(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/tablets", (Guid patientId, ClaimsPrincipal user, ListTablets slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(ListTablets))
            .RequireAuthorization(Policies.EnrolPatients);

    public async Task<Results<Ok<List<TabletResponse>>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "tablet.list", ct) is null)
            return PatientProblems.NotFound(patientId);
        var now = clock.GetUtcNow();
        var devices = await db.PatientDevices.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(ct);
        return TypedResults.Ok(devices.OrderByDescending(d => d.CreatedAt).Select(d => TabletResponse.From(d, now)).ToList());
    }
}
