using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>
/// PUT /api/patients/{id}/care: a nurse or coordinator of the patient's follow-up service lists the patient with
/// another GP (or none) and sets the hospital departments the patient is shared with. Each change is kept with who
/// made it and when (<see cref="PatientCareChange"/>, in the same transaction); who may see the patient follows at once,
/// since every access decision reads the patient's GP and departments as stored.
/// </summary>
public sealed class ChangePatientCare(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public sealed record Request(Guid? GpStaffId, IReadOnlyList<Guid>? SharedWithDepartmentIds);

    /// <summary>What happened: changed (possibly nothing), refused (field and message), or no such patient for this caller.</summary>
    public abstract record Outcome
    {
        public sealed record Changed(Patient Patient, IReadOnlyList<PatientCareChange> Changes) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPut("/{patientId:guid}/care", async Task<Results<Ok<PatientResponse>, ValidationProblem, ProblemHttpResult>> (Guid patientId,
                Request request, ClaimsPrincipal user, ChangePatientCare slice, TimeProvider clock, CancellationToken ct) => (await slice.HandleAsync(patientId, request, Callers.From(user), ct)) switch
            {
                Outcome.Changed c => TypedResults.Ok(PatientResponse.From(c.Patient, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))),
                Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                _ => PatientProblems.NotFound(patientId),
            })
            .WithName(nameof(ChangePatientCare))
            .RequireAuthorization(Policies.EnrolPatients);

    /// <summary>A GP or department to choose, and whether it is deactivated (kept only where it is the patient's already).</summary>
    public sealed record Choice(Guid Id, string Name, bool Active);

    /// <summary>What a nurse can choose for this patient: the active GPs and hospital departments, and the patient's own even when deactivated.</summary>
    public async Task<(IReadOnlyList<Choice> Gps, IReadOnlyList<Choice> Departments)> ChoicesAsync(Guid? currentGp, IReadOnlyList<Guid> currentDepartments,
        CancellationToken ct)
    {
        var own = currentDepartments.ToList();
        var gps = await db.StaffMembers.AsNoTracking().Where(s => s.Role == Role.Gp && (s.DeactivatedAt == null || s.Id == currentGp))
            .OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name, s.DeactivatedAt == null)).ToListAsync(ct);
        var departments = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.HospitalDepartment && (o.DeactivatedAt == null || own.Contains(o.Id)))
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id, o.Name, o.DeactivatedAt == null)).ToListAsync(ct);
        return (gps, departments);
    }

    public async Task<Outcome> HandleAsync(Guid patientId, Request request, Caller caller, CancellationToken ct)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null || caller.Role is not (Role.Nurse or Role.Coordinator) || !PatientAccessRule.Allows(caller, patient.CareRelations))
        {
            await gate.LogAsync(caller, [patientId], "patient.care.change", AccessOutcome.Denied, ct);
            return new Outcome.NotFound();
        }

        var departments = (request.SharedWithDepartmentIds ?? []).Distinct().ToList();
        var errors = new List<ValidationError>();
        // A deactivated GP or department keeps the patients it has, but gets no new ones.
        if (request.GpStaffId is { } gp && gp != patient.GpStaffId
            && !await db.StaffMembers.AnyAsync(s => s.Id == gp && s.Role == Role.Gp && s.DeactivatedAt == null, ct))
            errors.Add(new("gpStaffId", "No active GP with this id."));
        var added = departments.Except(patient.SharedWithDepartmentIds).ToList();
        var known = await db.Organisations.Where(o => added.Contains(o.Id) && o.Kind == OrganisationKind.HospitalDepartment && o.DeactivatedAt == null)
            .Select(o => o.Id).ToListAsync(ct);
        if (added.Except(known).Any())
            errors.Add(new("sharedWithDepartmentIds", "Every department must be an active hospital department in Varde."));
        if (departments.Count > 20)
            errors.Add(new("sharedWithDepartmentIds", "A patient is shared with at most 20 departments."));
        if (errors.Count > 0)
            return new Outcome.Refused(errors);

        var changes = patient.ChangeCare(request.GpStaffId, departments, caller.ActorId, clock.GetUtcNow());
        db.PatientCareChanges.AddRange(changes);
        gate.Stage(caller, [patientId], "patient.care.change", AccessOutcome.Allowed);
        await db.SaveChangesAsync(ct);
        return new Outcome.Changed(patient, changes);
    }
}
