using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Plans;

/// <summary>
/// GET /api/patients/plans-awaiting-approval: for a GP, her patients whose newest plan version is a draft waiting for
/// her approval, oldest draft first. Only the patient's GP approves, so for anyone else the list is empty.
/// </summary>
public sealed class ListPlansAwaitingApproval(VardeDbContext db, PatientAccessGate gate)
{
    public sealed record Row(Guid PatientId, string Name, int DraftNumber, DateTimeOffset DraftCreatedAt);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/plans-awaiting-approval", (ClaimsPrincipal user, ListPlansAwaitingApproval slice, CancellationToken ct) => slice.HandleAsync(user, ct))
            .WithName(nameof(ListPlansAwaitingApproval))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Ok<List<Row>>> HandleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        if (caller.Role != Role.Gp || !Guid.TryParse(caller.ActorId, out var gp))
            return TypedResults.Ok(new List<Row>());

        var rows = await (
                from v in db.PlanVersions.AsNoTracking()
                join p in db.Patients.AsNoTracking() on v.PatientId equals p.Id
                where p.GpStaffId == gp && v.Approval == null
                    && !db.PlanVersions.Any(newer => newer.PatientId == v.PatientId && newer.Number > v.Number)
                select new { p.Id, p.Name, v.Number, v.CreatedAt })
            .ToListAsync(ct);
        await gate.LogAsync(caller, rows.Select(r => r.Id), "plan.awaiting-approval", AccessOutcome.Allowed, ct);
        return TypedResults.Ok(rows.OrderBy(r => r.CreatedAt).Select(r => new Row(r.Id, r.Name, r.Number, r.CreatedAt)).ToList());
    }
}
