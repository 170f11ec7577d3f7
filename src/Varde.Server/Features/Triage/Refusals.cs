using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Triage;

/// <summary>The JSON API's answer to a refused report: 400 by field, 404 for a patient the caller may not see, 409 for a reused client id.</summary>
public static class Refusals
{
    public static Results<Created<T>, Ok<T>, ValidationProblem, ProblemHttpResult> ToProblem<T>(IntakeOutcome outcome, Guid patientId, string reusedTitle) =>
        outcome switch
        {
            IntakeOutcome.Refused { Kind: Refusal.PatientNotFound } => PatientProblems.NotFound(patientId),
            IntakeOutcome.Refused { Kind: Refusal.ClientIdReused } r => PatientProblems.Conflict("client-id-reused", reusedTitle, r.Message),
            IntakeOutcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
            _ => throw new InvalidOperationException($"A single report cannot end as {outcome.GetType().Name}."),
        };
}
