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

/// <summary>POST /api/patients: a nurse or coordinator enrols a patient in her own follow-up service.</summary>
public sealed class EnrolPatient(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public sealed record Request(string? IdentityNumber, string? Name, Guid? MunicipalityId, Guid? GpStaffId,
        Guid? SharedWithDepartmentId, IReadOnlyList<DiagnosisGroup>? Diagnoses);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/", (Request request, ClaimsPrincipal user, EnrolPatient slice, CancellationToken ct) => slice.HandleAsync(request, user, ct))
            .WithName(nameof(EnrolPatient))
            .RequireAuthorization(Policies.EnrolPatients);

    public async Task<Results<Created<PatientResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var errors = await CheckRelationsAsync(request, caller, ct);
        var now = clock.GetUtcNow();
        var diagnoses = (request.Diagnoses ?? []).Aggregate(DiagnosisGroup.None, (all, d) => all | d);
        var enrolled = Patient.Enrol(Guid.CreateVersion7(now), request.IdentityNumber, request.Name, caller.OrganisationId,
            request.MunicipalityId ?? Guid.Empty, request.GpStaffId, request.SharedWithDepartmentId, diagnoses, now);
        errors.AddRange(enrolled.Errors);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(ValidationError.ByField(errors));

        var patient = enrolled.Value;
        if (await db.Patients.AnyAsync(p => p.IdentityNumber == patient.IdentityNumber, ct))
            return PatientProblems.Conflict("patient-exists", "The patient is already enrolled",
                "A patient with this identity number is already enrolled.");

        db.Patients.Add(patient);
        await db.SaveChangesAsync(ct);
        await gate.LogAsync(caller, [patient.Id], "patient.enrol", AccessOutcome.Allowed, ct);
        return TypedResults.Created($"/api/patients/{patient.Id}", PatientResponse.From(patient, DateOnly.FromDateTime(now.UtcDateTime)));
    }

    private async Task<List<ValidationError>> CheckRelationsAsync(Request request, Caller caller, CancellationToken ct)
    {
        var errors = new List<ValidationError>();
        var service = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == caller.OrganisationId, ct);
        if (service is null || service.Kind != OrganisationKind.FollowUpService)
            errors.Add(new("followUpService", "Only staff of a follow-up service can enrol patients."));
        else if (request.MunicipalityId is not { } municipality || !service.Serves(municipality)
            || !await db.Organisations.AnyAsync(o => o.Id == municipality && o.DeactivatedAt == null, ct))
            errors.Add(new("municipalityId", "The patient's municipality must be one your follow-up service serves."));

        // Deactivated GPs and departments keep the patients they have, but get no new ones.
        if (request.GpStaffId is { } gp && !await db.StaffMembers.AnyAsync(s => s.Id == gp && s.Role == Role.Gp && s.DeactivatedAt == null, ct))
            errors.Add(new("gpStaffId", "No GP with this id."));
        if (request.SharedWithDepartmentId is { } dept
            && !await db.Organisations.AnyAsync(o => o.Id == dept && o.Kind == OrganisationKind.HospitalDepartment && o.DeactivatedAt == null, ct))
            errors.Add(new("sharedWithDepartmentId", "No hospital department with this id."));
        return errors;
    }
}
