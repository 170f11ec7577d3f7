using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>
/// PUT /api/patients/{id}/contact: a nurse or coordinator of the patient's follow-up service sets how the service
/// reaches the patient (a number to call first, another number) and the next of kin. The whole set is replaced; an
/// empty field means not known. A refusal names the field and changes nothing. Who changed it and when is in the
/// patient's access log ("patient.contact.change"); the numbers themselves are never logged.
/// </summary>
public sealed class ChangePatientContact(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const string Action = "patient.contact.change";

    public sealed record Request(string? Phone, string? OtherPhone, NextOfKinRequest? NextOfKin);

    public sealed record NextOfKinRequest(string? Name, string? Relation, string? Phone);

    public abstract record Outcome
    {
        public sealed record Changed(Patient Patient, bool AnythingChanged) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPut("/{patientId:guid}/contact", async Task<Results<Ok<PatientResponse>, ValidationProblem, ProblemHttpResult>> (Guid patientId,
                Request request, ClaimsPrincipal user, ChangePatientContact slice, TimeProvider clock, CancellationToken ct) => (await slice.HandleAsync(patientId, request, Callers.From(user), ct)) switch
            {
                Outcome.Changed c => TypedResults.Ok(PatientResponse.From(c.Patient, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))),
                Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                _ => PatientProblems.NotFound(patientId),
            })
            .WithName(nameof(ChangePatientContact))
            .RequireAuthorization(Policies.EnrolPatients);

    /// <summary>The request checked by the domain's rules: the contact details, or the errors field by field.</summary>
    public static Validated<PatientContact> Check(Request request) =>
        PatientContact.Check(request.Phone, request.OtherPhone, request.NextOfKin?.Name, request.NextOfKin?.Relation, request.NextOfKin?.Phone);

    public async Task<Outcome> HandleAsync(Guid patientId, Request request, Caller caller, CancellationToken ct)
    {
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (patient is null || caller.Role is not (Role.Nurse or Role.Coordinator) || !PatientAccessRule.Allows(caller, patient.CareRelations))
        {
            await gate.LogAsync(caller, [patientId], Action, AccessOutcome.Denied, ct);
            return new Outcome.NotFound();
        }

        var contact = Check(request);
        if (!contact.IsValid)
            return new Outcome.Refused(contact.Errors);
        if (!patient.ChangeContact(contact.Value, clock.GetUtcNow()))
            return new Outcome.Changed(patient, AnythingChanged: false);
        gate.Stage(caller, [patientId], Action, AccessOutcome.Allowed);
        await db.SaveChangesAsync(ct);
        return new Outcome.Changed(patient, AnythingChanged: true);
    }
}
