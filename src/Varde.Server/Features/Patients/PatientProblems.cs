using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Patients;

/// <summary>The ProblemDetails answers shared by patient-scoped slices.</summary>
public static class PatientProblems
{
    /// <summary>Also the answer when the caller may not see the patient: existence is not revealed.</summary>
    public static ProblemHttpResult NotFound(Guid patientId) =>
        TypedResults.Problem(
            detail: $"No patient {patientId} that you have access to.",
            statusCode: StatusCodes.Status404NotFound,
            title: "Patient not found",
            type: ProblemDetailsSetup.ProblemTypeBase + "patient-not-found");

    public static ProblemHttpResult Conflict(string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: title,
            type: ProblemDetailsSetup.ProblemTypeBase + code);
}
