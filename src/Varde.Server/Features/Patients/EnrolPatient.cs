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
/// POST /api/patients: a nurse or coordinator enrols a patient in her own follow-up service. A person another service
/// follows is not disclosed (ADR 0036): the answer is 202 "transfer requested" and that service is asked to hand the
/// patient over (<see cref="TransferRequest"/>); who is followed where, and anything about the patient, stays with the
/// service that follows them.
/// </summary>
public sealed class EnrolPatient(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const string TransferRequestAction = "patient.transfer.request";

    /// <summary>What a nurse gives at enrolment; <c>Contact</c>, optional, as <see cref="ChangePatientContact"/> takes it.</summary>
    public sealed record Request(string? IdentityNumber, string? Name, Guid? MunicipalityId, Guid? GpStaffId,
        Guid? SharedWithDepartmentId, IReadOnlyList<DiagnosisGroup>? Diagnoses, ChangePatientContact.Request? Contact = null);

    public abstract record Outcome
    {
        public sealed record Enrolled(PatientResponse Patient) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        /// <summary>The person is already a patient of the caller's own service.</summary>
        public sealed record AlreadyYours(Guid PatientId) : Outcome;

        /// <summary>The person could not be enrolled here now; the service that follows them has been asked to transfer them.</summary>
        public sealed record TransferRequested : Outcome;
    }

    /// <summary>The 202 answer's body: the same words whoever the person is, naming no service and nothing about the patient.</summary>
    public sealed record TransferRequestedResponse(string Status, string Detail)
    {
        public static readonly TransferRequestedResponse Instance = new("transfer-requested",
            "The person cannot be enrolled in your service now. A request to transfer the follow-up to your service has been sent; " +
            "once it is accepted, the patient is in your patient list.");
    }

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/", async (Request request, ClaimsPrincipal user, EnrolPatient slice, CancellationToken ct) =>
                ToResult(await slice.HandleAsync(request, Callers.From(user), ct)))
            .WithName(nameof(EnrolPatient))
            .RequireAuthorization(Policies.EnrolPatients);

    public static Results<Created<PatientResponse>, Accepted<TransferRequestedResponse>, ValidationProblem, ProblemHttpResult> ToResult(Outcome outcome) =>
        outcome switch
        {
            Outcome.Enrolled e => TypedResults.Created($"/api/patients/{e.Patient.Id}", e.Patient),
            Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
            Outcome.AlreadyYours => AlreadyYoursProblem,
            _ => TypedResults.Accepted((string?)null, TransferRequestedResponse.Instance),
        };

    public static ProblemHttpResult AlreadyYoursProblem => PatientProblems.Conflict("patient-exists", "The patient is already enrolled",
        "The person is already a patient of your service; find the patient in the patient list.");

    public async Task<Outcome> HandleAsync(Request request, Caller caller, CancellationToken ct)
    {
        var errors = await CheckRelationsAsync(request, caller, ct);
        var now = clock.GetUtcNow();
        var diagnoses = (request.Diagnoses ?? []).Aggregate(DiagnosisGroup.None, (all, d) => all | d);
        var contact = request.Contact is { } given ? ChangePatientContact.Check(given) : Validated<PatientContact>.Ok(PatientContact.None);
        errors.AddRange(contact.Errors.Select(e => e with { Field = "contact." + e.Field }));
        var enrolled = Patient.Enrol(Guid.CreateVersion7(now), request.IdentityNumber, request.Name, caller.OrganisationId,
            request.MunicipalityId ?? Guid.Empty, request.GpStaffId, request.SharedWithDepartmentId, diagnoses, now,
            contact.IsValid ? contact.Value : null);
        errors.AddRange(enrolled.Errors);
        if (errors.Count > 0)
            return new Outcome.Refused(errors);

        var patient = enrolled.Value;
        var known = await db.Patients.AsNoTracking().Where(p => p.IdentityNumber == patient.IdentityNumber)
            .Select(p => new { p.Id, p.FollowUpServiceId }).SingleOrDefaultAsync(ct);
        if (known is not null && known.FollowUpServiceId == caller.OrganisationId)
            return new Outcome.AlreadyYours(known.Id);
        if (known is not null)
        {
            await RequestTransferAsync(known.Id, patient, caller, now, ct);
            return new Outcome.TransferRequested();
        }

        db.Patients.Add(patient);
        gate.Stage(caller, [patient.Id], "patient.enrol", AccessOutcome.Allowed);
        await db.SaveChangesAsync(ct);
        return new Outcome.Enrolled(PatientResponse.From(patient, DateOnly.FromDateTime(now.UtcDateTime)));
    }

    /// <summary>
    /// Asks the service that follows the person to transfer them, once: asking again while a request from this service is
    /// unanswered adds nothing. The request is in the patient's access log, so the patient sees who asked.
    /// </summary>
    private async Task RequestTransferAsync(Guid patientId, Patient asked, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var waiting = await db.TransferRequests.AnyAsync(r => r.PatientId == patientId && r.ToServiceId == caller.OrganisationId
            && !db.TransferDecisions.Any(d => d.TransferRequestId == r.Id), ct);
        if (!waiting)
            db.TransferRequests.Add(new TransferRequest(Guid.CreateVersion7(now), patientId, caller.OrganisationId, asked.MunicipalityId,
                asked.GpStaffId, caller.ActorId, now));
        gate.Stage(caller, [patientId], TransferRequestAction, AccessOutcome.Allowed);
        await db.SaveChangesAsync(ct);
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
            && !await db.Organisations.AnyAsync(o => o.Id == dept && o.DeactivatedAt == null && o.Kind == OrganisationKind.HospitalDepartment, ct))
            errors.Add(new("sharedWithDepartmentId", "No hospital department with this id."));
        return errors;
    }
}
