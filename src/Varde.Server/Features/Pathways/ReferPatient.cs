using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Pathways;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Pathways;

/// <summary>
/// POST /api/pathways: the follow-up service registers a referral it received (from the GP, the hospital, home care or
/// the patient). The patient is either already known (PatientId) or enrolled from the same request; a patient with an
/// open pathway cannot be referred again (409). A new patient another service follows is not disclosed: the answer is
/// 202 "transfer requested" (see <see cref="EnrolPatient"/>), and the referral is registered once the patient is transferred.
/// </summary>
public sealed class ReferPatient(VardeDbContext db, PatientAccessGate gate, EnrolPatient enrol, TimeProvider clock)
{
    public sealed record Request(string? Source, Guid? PatientId, EnrolPatient.Request? NewPatient);

    public static void Map(RouteGroupBuilder pathways) =>
        pathways.MapPost("/", (Request request, ClaimsPrincipal user, ReferPatient slice, CancellationToken ct) => slice.HandleAsync(request, user, ct))
            .WithName(nameof(ReferPatient))
            .RequireAuthorization(Policies.RunPathways);

    public async Task<Results<Created<PathwayResponse>, Accepted<EnrolPatient.TransferRequestedResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(Request request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var caller = Callers.From(user);
        var now = clock.GetUtcNow();
        // Check the referral itself before anything is stored.
        var check = Pathway.Refer(Guid.Empty, Guid.Empty, request.Source, caller, now);
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.ErrorsByField());

        Guid patientId;
        if (request.PatientId is { } known)
        {
            if (await gate.OpenAsync(user, known, "pathway.refer", ct) is null)
                return PatientProblems.NotFound(known);
            if (await CurrentPathway.ForPatientAsync(db, known, tracked: false, ct) is { } open && CurrentPathway.IsOpen(open.State))
                return PatientProblems.Conflict("pathway-open", "The patient already has an open pathway",
                    "Continue the patient's pathway, or end it before registering a new referral.");
            patientId = known;
        }
        else if (request.NewPatient is { } details)
        {
            switch (await enrol.HandleAsync(details, caller, ct))
            {
                case EnrolPatient.Outcome.Enrolled enrolled:
                    patientId = enrolled.Patient.Id;
                    break;
                case EnrolPatient.Outcome.Refused refused:
                    return TypedResults.ValidationProblem(ValidationError.ByField(refused.Errors));
                case EnrolPatient.Outcome.AlreadyYours:
                    return EnrolPatient.AlreadyYoursProblem;
                default:
                    return TypedResults.Accepted((string?)null, EnrolPatient.TransferRequestedResponse.Instance);
            }
        }
        else
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["patient"] = ["Name the patient (an enrolled patient or a new one)."] });
        }

        var pathway = Pathway.Refer(Guid.CreateVersion7(now), patientId, request.Source, caller, now).Value;
        db.Pathways.Add(pathway);
        await db.SaveChangesAsync(ct);
        var names = await StaffNames.ForAsync(db, [caller.ActorId], ct);
        return TypedResults.Created($"/api/patients/{patientId}/pathway", PathwayResponse.From(pathway, names));
    }
}
