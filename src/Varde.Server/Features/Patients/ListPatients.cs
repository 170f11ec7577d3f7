using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>GET /api/patients: the patients the caller follows (her service's, her listed, or those shared with her department).</summary>
public sealed class ListPatients(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/", (ClaimsPrincipal user, ListPatients slice, CancellationToken ct) => slice.HandleAsync(user, ct))
            .WithName(nameof(ListPatients))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Ok<List<PatientResponse>>> HandleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var patients = await Visible(caller).AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        await gate.LogAsync(caller, patients.Select(p => p.Id), "patient.list", AccessOutcome.Allowed, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(patients.Select(p => PatientResponse.From(p, today)).ToList());
    }

    // The same need-to-know rule as PatientAccessRule, as a query.
    private IQueryable<Patient> Visible(Caller caller) => caller.Role switch
    {
        Role.Nurse or Role.Coordinator or Role.DeviceGateway => db.Patients.Where(p => p.FollowUpServiceId == caller.OrganisationId),
        Role.Gp when Guid.TryParse(caller.ActorId, out var gp) => db.Patients.Where(p => p.GpStaffId == gp),
        Role.Specialist => db.Patients.Where(p => p.SharedWithDepartmentIds.Contains(caller.OrganisationId)),
        Role.Patient when Guid.TryParse(caller.ActorId, out var self) => db.Patients.Where(p => p.Id == self),
        Role.Gp or Role.Patient or Role.Leader or Role.Administrator => db.Patients.Where(_ => false),
    };
}
